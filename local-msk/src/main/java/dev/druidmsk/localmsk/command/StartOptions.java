package dev.druidmsk.localmsk.command;

import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.broker.IamPolicies;
import dev.druidmsk.localmsk.broker.LocalKafkaCluster;
import dev.druidmsk.localmsk.sts.BaseUser;
import dev.druidmsk.localmsk.sts.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The options of {@code local-msk start}, validated (policy files read and parsed) before anything starts. */
final class StartOptions
{
  static final String DEFAULT_ROLE_ARN = "arn:aws:iam::222222222222:role/druid-msk-local";
  static final String DEFAULT_EXTERNAL_ID = "druid-msk-local";
  static final String BASE_USER_ARN = "arn:aws:iam::111111111111:user/druid-msk-local";
  static final Set<String> SINGLE = Set.of(
      "--work-dir", "--region", "--role-arn", "--external-id", "--sts-port", "--sasl-port", "--sasl-ssl-port",
      "--rotation-test-lifetime", "--reauth", "--authorization", "--cluster-name",
      "--max-connection-rate", "--max-connections", "--brokers"
  );
  static final Set<String> REPEATABLE = Set.of("--role", "--policy");
  /** A role ARN (whose name has no ':'), then optionally ':' and the external ID the role requires. */
  private static final Pattern ROLE = Pattern.compile(
      "(arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+)(?::([\\w+=,.@:/-]{2,1224}))?"
  );

  final Path workDir;
  final String region;
  final String clusterName;
  final boolean authorization;
  final int stsPort;
  final int saslPort;
  final int saslSslPort;
  final int brokers;
  /** Null unless the user opted in to credentials shorter than AWS issues. */
  final Duration rotationTestLifetime;
  final Duration reauthentication;
  final int maxConnectionRate;
  final int maxConnections;
  /** Role ARN to the external ID it requires (null for none), in the order given. */
  final Map<String, String> roles = new LinkedHashMap<>();
  final Map<String, List<String>> policies = new LinkedHashMap<>();

  StartOptions(final Options options) throws UsageException
  {
    this.workDir = Path.of(required(options, "--work-dir")).toAbsolutePath();
    this.region = options.get("--region", "us-east-1");
    this.clusterName = options.get("--cluster-name", LocalMsk.DEFAULT_CLUSTER_NAME);
    this.authorization = onOff(options.get("--authorization", "on"));
    this.stsPort = options.number("--sts-port", 0, 0);
    this.saslPort = options.number("--sasl-port", 0, 0);
    this.saslSslPort = options.number("--sasl-ssl-port", 0, 0);
    this.brokers = options.number("--brokers", 1, 1);
    if (brokers > LocalKafkaCluster.MAX_BROKERS) {
      throw new UsageException("--brokers: 1 to " + LocalKafkaCluster.MAX_BROKERS + "; got " + brokers);
    }
    if (brokers > 1 && (saslPort != 0 || saslSslPort != 0)) {
      throw new UsageException("--sasl-port and --sasl-ssl-port are chosen free with --brokers over 1: drop them");
    }
    this.rotationTestLifetime = options.has("--rotation-test-lifetime") ? rotationTestLifetime(options) : null;
    this.reauthentication = Duration.ofSeconds(options.number("--reauth", 0, 0));
    this.maxConnectionRate = options.number("--max-connection-rate", 100, 0);
    this.maxConnections = options.number("--max-connections", 3000, 1);
    // --role-arn/--external-id: the single role of earlier versions, and the default when no --role is given.
    if (options.has("--role-arn") || options.has("--external-id") || !options.has("--role")) {
      roles.put(options.get("--role-arn", DEFAULT_ROLE_ARN), options.get("--external-id", DEFAULT_EXTERNAL_ID));
      role(roles.keySet().iterator().next() + ':' + roles.values().iterator().next());
    }
    for (String role : options.all("--role")) {
      final Matcher matcher = role(role);
      roles.put(matcher.group(1), matcher.group(2));
    }
    for (String policy : options.all("--policy")) {
      policy(policy);
    }
    if (!policies.isEmpty() && !authorization) {
      throw new UsageException("--policy has no effect with --authorization off: drop one of them");
    }
  }

  /** The configured emulator, not started. */
  LocalMsk.Builder builder(final BaseUser user)
  {
    final LocalMsk.Builder builder = LocalMsk.builder(workDir, user)
                                             .stsPort(stsPort)
                                             .clusterName(clusterName)
                                             .brokers(brokers)
                                             .iamAuthorization(authorization)
                                             .broker(broker -> broker.region(region)
                                                                     .saslPlaintextPort(saslPort)
                                                                     .saslSslPort(saslSslPort)
                                                                     .reauthentication(reauthentication)
                                                                     .connectionLimits(maxConnectionRate, maxConnections));
    if (rotationTestLifetime != null) {
      builder.rotationTestLifetime(rotationTestLifetime);
    }
    roles.forEach((arn, externalId) -> builder.role(Role.trusting(arn, externalId, user.arn(), LocalMsk.NODE_ROLE_ARN)));
    policies.forEach((arn, documents) -> documents.forEach(document -> builder.policy(arn, document)));
    return builder;
  }

  private static Duration rotationTestLifetime(final Options options) throws UsageException
  {
    final int seconds = options.number("--rotation-test-lifetime", 0, 1);
    if (seconds >= 900) {
      throw new UsageException("--rotation-test-lifetime takes 1 to 899 seconds (AWS issues 900 s and more on its own, "
                               + "as the client's DurationSeconds asks), got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  private static String required(final Options options, final String name) throws UsageException
  {
    final String value = options.get(name, null);
    if (value == null) {
      throw new UsageException(name + " is required: the folder for the broker's data, logs and the client files");
    }
    return value;
  }

  private static boolean onOff(final String value) throws UsageException
  {
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new UsageException("--authorization takes on or off, got '" + value + "'");
    };
  }

  private static Matcher role(final String value) throws UsageException
  {
    final Matcher matcher = ROLE.matcher(value);
    if (!matcher.matches()) {
      throw new UsageException("--role takes ROLE_ARN[:EXTERNAL_ID] such as arn:aws:iam::222222222222:role/reader:"
                               + "my-external-id (external ID: 2 to 1224 of letters, digits and +=,.@:/-_), got '"
                               + value + "'");
    }
    return matcher;
  }

  /** {@code ROLE_ARN=FILE}: ARNs hold no '=' in practice, file names may. */
  private void policy(final String value) throws UsageException
  {
    final int split = value.indexOf('=');
    if (split <= 0 || split == value.length() - 1) {
      throw new UsageException("--policy takes ROLE_ARN=FILE (the ARN of a --role or of the base user, '=', an IAM "
                               + "policy JSON file), got '" + value + "'");
    }
    final String arn = value.substring(0, split);
    final Path file = Path.of(value.substring(split + 1));
    if (!roles.containsKey(arn) && !BASE_USER_ARN.equals(arn)) {
      throw new UsageException("--policy names " + arn + ", which is no role of this emulator: add --role " + arn
                               + " (or attach the policy to one of " + roles.keySet() + ")");
    }
    final String document;
    try {
      document = Files.readString(file, StandardCharsets.UTF_8);
    }
    catch (IOException e) {
      throw new UsageException("--policy " + value + ": cannot read " + file.toAbsolutePath()
                               + " (" + e.getClass().getSimpleName() + "): give the path of an IAM policy JSON file");
    }
    try {
      IamPolicies.parse(document);
    }
    catch (IllegalArgumentException e) {
      throw new UsageException("--policy " + value + ": " + file + " is " + e.getMessage()
                               + "; fix the file (an IAM policy document: {\"Version\": \"2012-10-17\", \"Statement\": [...]})");
    }
    policies.computeIfAbsent(arn, ignored -> new ArrayList<>()).add(document);
  }
}
