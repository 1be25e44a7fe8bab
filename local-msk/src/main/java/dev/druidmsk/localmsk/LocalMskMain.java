package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.iam.FakeSecrets;
import dev.druidmsk.localmsk.iam.PrivateFiles;
import dev.druidmsk.localmsk.sts.BaseUser;
import dev.druidmsk.localmsk.sts.Role;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a local STS and an AWS_MSK_IAM Kafka broker, prints how to connect, and runs until Ctrl-C.
 * Run {@code --help} for the options.
 */
public final class LocalMskMain
{
  static final String READY_LINE = "Press Ctrl-C to stop.";
  private static final String USAGE = String.join(
      "\n",
      "Usage: LocalMskMain [options]",
      "Starts an offline AWS MSK IAM emulator: a local STS and a Kafka broker accepting only AWS_MSK_IAM.",
      "",
      "  --work-dir DIR                 data, logs, TLS material and client files (default: ./local-msk)",
      "  --region REGION                the cluster's signing region (default: us-east-1)",
      "  --role-arn ARN                 the role clients assume (default: arn:aws:iam::222222222222:role/druid-msk-local)",
      "  --external-id ID               the external ID the role requires (default: druid-msk-local)",
      "  --sts-port N                   0 = any free port (default)",
      "  --sasl-port N                  the SASL_PLAINTEXT listener, 0 = any free port (default)",
      "  --sasl-ssl-port N              the SASL_SSL listener, 0 = any free port (default)",
      "  --credential-lifetime SECONDS  lifetime of the credentials the STS issues (default: 3600)",
      "  --reauth SECONDS               connections.max.reauth.ms of the IAM listeners, 0 = off (default)",
      "  --help                         this text"
  );
  private static final List<String> OPTIONS = List.of(
      "--work-dir", "--region", "--role-arn", "--external-id", "--sts-port", "--sasl-port", "--sasl-ssl-port",
      "--credential-lifetime", "--reauth"
  );

  private LocalMskMain()
  {
  }

  public static void main(final String[] args) throws Exception
  {
    final LocalMsk msk;
    final Settings settings;
    try {
      final Map<String, String> options = parse(args);
      if (options.containsKey("--help")) {
        System.out.println(USAGE);
        return;
      }
      settings = new Settings(options);
      msk = settings.start();
    }
    catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        msk.close();
        System.out.println("Local MSK stopped.");
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finally {
        stopped.countDown();
      }
    }, "local-msk-stop"));
    report(System.out, msk, settings.workDir, settings.roleArn, settings.externalId);
    stopped.await();
  }

  /** The command line, validated. */
  private static final class Settings
  {
    private final Map<String, String> options;
    private final Path workDir;
    private final String roleArn;
    private final String externalId;
    private final BaseUser user;
    private final Role role;

    private Settings(final Map<String, String> options)
    {
      this.options = options;
      this.workDir = Path.of(options.getOrDefault("--work-dir", "local-msk")).toAbsolutePath();
      this.roleArn = options.getOrDefault("--role-arn", "arn:aws:iam::222222222222:role/druid-msk-local");
      this.externalId = options.getOrDefault("--external-id", "druid-msk-local");
      // Fresh base credentials each run: they exist only for this emulator and are written to aws.env only.
      this.user = new BaseUser(
          "AKIA" + randomText(12).toUpperCase().replaceAll("[^A-Z0-9]", "X").substring(0, 16),
          FakeSecrets.marked(randomText(30)),
          "arn:aws:iam::111111111111:user/druid-msk-local"
      );
      this.role = Role.trusting(roleArn, externalId, user.arn());
      intOption("--sts-port");
      intOption("--sasl-port");
      intOption("--sasl-ssl-port");
      intOption("--credential-lifetime");
      intOption("--reauth");
    }

    private LocalMsk start() throws Exception
    {
      return LocalMsk.builder(workDir, user)
                     .stsPort(intOption("--sts-port"))
                     .credentialLifetime(Duration.ofSeconds(options.containsKey("--credential-lifetime")
                                                            ? intOption("--credential-lifetime")
                                                            : 3600))
                     .role(role)
                     .broker(broker -> broker.region(options.getOrDefault("--region", "us-east-1"))
                                             .saslPlaintextPort(intOption("--sasl-port"))
                                             .saslSslPort(intOption("--sasl-ssl-port"))
                                             .reauthentication(Duration.ofSeconds(intOption("--reauth"))))
                     .start();
    }

    /** 0 when the option is absent. */
    private int intOption(final String name)
    {
      final String value = options.get(name);
      if (value == null) {
        return 0;
      }
      try {
        return Integer.parseInt(value);
      }
      catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " takes a whole number, got '" + value + "'");
      }
    }
  }

  private static void report(
      final PrintStream out,
      final LocalMsk msk,
      final Path workDir,
      final String roleArn,
      final String externalId
  ) throws IOException
  {
    final Map<String, String> plain = ClientProperties.assumingRole(msk.broker(), false, roleArn, "druid-msk-local", externalId);
    final Map<String, String> tls = ClientProperties.assumingRole(msk.broker(), true, roleArn, "druid-msk-local", externalId);
    final Path awsEnv = workDir.resolve("aws.env");
    final StringBuilder env = new StringBuilder();
    final Map<String, String> aws = msk.awsSystemProperties();
    env.append("export AWS_ENDPOINT_URL_STS=").append(aws.get("aws.endpointUrlSts")).append('\n');
    env.append("export AWS_REGION=").append(aws.get("aws.region")).append('\n');
    env.append("export AWS_ACCESS_KEY_ID=").append(aws.get("aws.accessKeyId")).append('\n');
    env.append("export AWS_SECRET_ACCESS_KEY=").append(aws.get("aws.secretAccessKey")).append('\n');
    PrivateFiles.write(awsEnv, env.toString());
    PrivateFiles.writeProperties(workDir.resolve("client.properties"), plain);
    PrivateFiles.writeProperties(workDir.resolve("client-ssl.properties"), tls);

    out.println("Local MSK is up; the broker (pid " + msk.broker().pid() + ") started in "
                + msk.broker().lastStartTime().toMillis() + " ms. Logs: " + msk.broker().logDir());
    out.println("Client JVM settings (system property / environment variable):");
    out.println("  aws.endpointUrlSts=" + aws.get("aws.endpointUrlSts") + "   AWS_ENDPOINT_URL_STS");
    out.println("  aws.region=" + aws.get("aws.region") + "   AWS_REGION");
    out.println("  aws.accessKeyId=" + aws.get("aws.accessKeyId") + "   AWS_ACCESS_KEY_ID");
    out.println("  aws.secretAccessKey: see " + awsEnv + " (source it)");
    out.println("Role " + roleArn + ", external ID " + externalId + ".");
    out.println("Kafka client properties (SASL_PLAINTEXT), also in " + workDir.resolve("client.properties") + ":");
    plain.forEach((key, value) -> out.println("  " + key + '=' + value));
    out.println("SASL_SSL: bootstrap.servers=" + tls.get("bootstrap.servers") + ", all properties in "
                + workDir.resolve("client-ssl.properties"));
    out.println(READY_LINE);
    out.flush();
  }

  static Map<String, String> parse(final String[] args)
  {
    final Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if ("--help".equals(args[i])) {
        options.put("--help", "");
      } else if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
        options.put(args[i], args[++i]);
      } else {
        throw new IllegalArgumentException("Unknown option or missing value: " + args[i]);
      }
    }
    return options;
  }

  private static String randomText(final int bytes)
  {
    final byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().withoutPadding().encodeToString(random);
  }
}
