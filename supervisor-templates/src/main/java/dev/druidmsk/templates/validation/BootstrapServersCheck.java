package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.iam.MskIamOptions;
import dev.druidmsk.templates.spec.JsonPath;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bootstrap.servers} must be literal (Druid reads it before any config provider), and each broker port must
 * be the MSK listener of the authentication the spec uses: a mismatch only shows at run time as a handshake
 * failure or a timeout.
 */
final class BootstrapServersCheck
{
  private static final Pattern HOST_PORT = Pattern.compile("^\\s*(\\[[0-9a-fA-F:.]+]|[^:\\s]+):([0-9]{1,5})\\s*$");

  /** MSK's listeners: private port, then public-access port. */
  private static final Map<String, List<Integer>> MSK_PORTS = Map.of(
      "IAM (SASL mechanism AWS_MSK_IAM)", List.of(9098, 9198),
      "TLS", List.of(9094, 9194),
      "SASL/SCRAM", List.of(9096, 9196),
      "plaintext", List.of(9092)
  );
  private static final String IAM_BROKER_LISTS =
      " (BootstrapBrokerStringSaslIam, or BootstrapBrokerStringPublicSaslIam for public access, from "
      + "aws kafka get-bootstrap-brokers)";

  private BootstrapServersCheck()
  {
  }

  static void check(SupervisorSpec spec, List<Problem> problems)
  {
    final JsonNode properties = spec.consumerProperties();
    final JsonPath path = spec.consumerPropertiesPath().key(SupervisorSpec.BOOTSTRAP_SERVERS);
    final JsonNode servers = properties.path(SupervisorSpec.BOOTSTRAP_SERVERS);
    if (!servers.isTextual() || servers.asText().isBlank()) {
      problems.add(new Problem(
          Severity.ERROR,
          path.toString(),
          "bootstrap.servers is missing or not a non-empty string; Druid requires it literally in "
          + "consumerProperties (it is read before druid.dynamic.config.provider is applied)",
          "set \"bootstrap.servers\": \"b-1.example.kafka.us-east-1.amazonaws.com:9098,...\" in consumerProperties"
      ));
      return;
    }
    final String auth = authentication(spec);
    if (auth == null) {
      return;
    }
    final List<Integer> expected = MSK_PORTS.get(auth);
    for (String server : servers.asText().split(",")) {
      final Matcher hostPort = HOST_PORT.matcher(server);
      if (!hostPort.matches()) {
        problems.add(new Problem(
            Severity.ERROR,
            path.toString(),
            "the broker entry '" + server.trim() + "' is not host:port",
            "write bootstrap.servers as comma-separated host:port entries"
        ));
        continue;
      }
      checkPort(hostPort.group(1), Integer.parseInt(hostPort.group(2)), auth, expected, path, problems);
    }
    final boolean plaintextProvider = spec
        .mskIamProvider()
        .map(provider -> MskIamOptions.SASL_PLAINTEXT.equals(provider.securityProtocol()))
        .orElse(false);
    if (isIam(auth) && plaintextProvider
        && servers.asText().toLowerCase(Locale.ROOT).contains(".amazonaws.com")) {
      problems.add(new Problem(
          Severity.ERROR,
          spec.providerPath().key(MskIamOptions.SECURITY_PROTOCOL).toString(),
          "MSK's IAM listeners only accept TLS, but securityProtocol is SASL_PLAINTEXT",
          "set securityProtocol to SASL_SSL (or remove it: SASL_SSL is the default)"
      ));
    }
  }

  private static void checkPort(
      String host,
      int port,
      String auth,
      List<Integer> expected,
      JsonPath path,
      List<Problem> problems
  )
  {
    final boolean msk = host.toLowerCase(Locale.ROOT).matches(".*\\.kafka(-serverless)?\\.[a-z0-9-]+\\.amazonaws\\.com");
    final String listener = listenerOf(port);
    if (listener != null && !listener.equals(auth)) {
      problems.add(new Problem(
          msk ? Severity.ERROR : Severity.WARNING,
          path.toString(),
          "port " + port + " of " + host + " is MSK's " + listener + " listener, but the spec authenticates with "
          + auth + ", which MSK serves on port " + portsText(expected),
          "use the broker list for " + auth + (isIam(auth) ? IAM_BROKER_LISTS : "")
      ));
    } else if (msk && listener == null) {
      problems.add(new Problem(
          Severity.ERROR,
          path.toString(),
          "port " + port + " of " + host + " is not an MSK listener port; MSK serves " + auth + " on port "
          + portsText(expected),
          "use port " + portsText(expected)
      ));
    }
  }

  private static String listenerOf(int port)
  {
    return MSK_PORTS.entrySet()
                    .stream()
                    .filter(entry -> entry.getValue().contains(port))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
  }

  private static String portsText(List<Integer> ports)
  {
    return ports.size() == 1 ? ports.get(0).toString() : ports.get(0) + " (inside the VPC) or " + ports.get(1)
                                                         + " (public access)";
  }

  private static boolean isIam(String auth)
  {
    return auth.startsWith("IAM");
  }

  /** The MSK listener the consumer properties authenticate against; null when another provider decides it. */
  private static String authentication(SupervisorSpec spec)
  {
    final JsonNode properties = spec.consumerProperties();
    final String providerType = spec.provider().path("type").asText(null);
    if (MskIamOptions.TYPE.equals(providerType)
        || MskIamOptions.SASL_MECHANISM.equals(properties.path("sasl.mechanism").asText())) {
      return "IAM (SASL mechanism AWS_MSK_IAM)";
    }
    if (providerType != null) {
      return null;
    }
    final String protocol = spec.securityProtocol().toUpperCase(Locale.ROOT);
    if (protocol.startsWith("SASL")) {
      return "SASL/SCRAM";
    }
    return "SSL".equals(protocol) ? "TLS" : "plaintext";
  }
}
