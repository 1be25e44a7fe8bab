package dev.druidmsk.localmsk.command;

import dev.druidmsk.localmsk.ClientProperties;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.iam.FakeSecrets;
import dev.druidmsk.localmsk.iam.PrivateFiles;
import dev.druidmsk.localmsk.sts.BaseUser;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code local-msk start}: starts the STS and the broker, writes the client files, runs until stopped. */
public final class StartCommand
{
  public static final String READY_LINE = "Press Ctrl-C (or run local-msk stop) to stop.";
  static final String USAGE = String.join(
      "\n",
      "Usage: local-msk start --work-dir DIR [options]",
      "Starts an offline AWS MSK IAM emulator: a local STS and a Kafka broker accepting only AWS_MSK_IAM and, with",
      "authorization on, allowing each request only as the caller's IAM policies say (as MSK does). Runs until Ctrl-C",
      "or `local-msk stop --work-dir DIR`. Writes to DIR: endpoints.json (listeners, region, cluster ARN, STS endpoint,",
      "roles), aws-credentials and aws.env (the base user's keys), client.properties, client-ssl.properties.",
      "",
      "  --work-dir DIR                 data, logs, TLS material and client files (required)",
      "  --region REGION                the cluster's signing region (default: us-east-1)",
      "  --cluster-name NAME            the NAME in arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID (default: local-msk)",
      "  --role ROLE_ARN[:EXTERNAL_ID]  a role the base user may assume, requiring that external ID (repeatable)",
      "  --role-arn ARN                 one role, as --role (default when no --role is given: " + StartOptions.DEFAULT_ROLE_ARN + ")",
      "  --external-id ID               the external ID of --role-arn (default: " + StartOptions.DEFAULT_EXTERNAL_ID + ")",
      "  --policy ROLE_ARN=FILE         attach the IAM policy JSON in FILE to that role (repeatable, several per role)",
      "  --authorization on|off         authorize every request by IAM policy (default: on; off allows everything)",
      "  --sts-port N                   0 = any free port (default)",
      "  --sasl-port N                  the SASL_PLAINTEXT listener, 0 = any free port (default)",
      "  --sasl-ssl-port N              the SASL_SSL listener, 0 = any free port (default)",
      "  --brokers N                    1 to 9 brokers (default: 1). Over 1, MSK over PrivateLink with one endpoint",
      "                                 per broker: broker N's SASL_SSL listener is 127.0.0.N on one shared port,",
      "                                 advertised as b-N.<cluster>.<id>.c2.kafka.<region>.amazonaws.com, which a",
      "                                 client JVM resolves with -Djdk.net.hosts.file=DIR/hosts; ports chosen free",
      "  --rotation-test-lifetime N     FOR ROTATION TESTS ONLY: issued credentials live N (1-899) seconds whatever",
      "                                 the client asks (AWS: DurationSeconds, 900 s up to the role's maximum)",
      "  --reauth SECONDS               connections.max.reauth.ms of the IAM listeners, 0 = off (default)",
      "  --max-connection-rate N        new IAM connections per second before 'Too many connects' (default: 100,",
      "                                 MSK's quota; 4 is a kafka.t3.small's; 0 = no limit)",
      "  --max-connections N            open connections per IAM listener (default: 3000, MSK's quota)",
      "  --help                         this text",
      "",
      "Every role trusts the base user and the node role " + LocalMsk.NODE_ROLE_ARN + ", whose sessions the IRSA, Pod",
      "Identity and instance-profile settings in endpoints.json (nodeIdentities) give a node.",
      "The account of the cluster ARN is the first role's. With authorization on and no --policy, every request of an",
      "IAM principal is denied, as on MSK.",
      "Exit codes: 0 stopped, 1 could not start (already running, broker failed), 2 bad options (nothing started)."
  );

  private StartCommand()
  {
  }

  static int run(final List<String> args, final PrintStream out, final PrintStream err)
      throws IOException, InterruptedException
  {
    final StartOptions options;
    final LocalMsk.Builder builder;
    final BaseUser user = freshUser();
    try {
      final Options parsed = Options.parse(args, StartOptions.SINGLE, StartOptions.REPEATABLE);
      if (parsed.help()) {
        out.println(USAGE);
        return 0;
      }
      options = new StartOptions(parsed);
      builder = options.builder(user);
    }
    catch (UsageException | IllegalArgumentException e) {
      return LocalMskCommand.usageError("start", e.getMessage(), USAGE, err);
    }
    Files.createDirectories(options.workDir);
    final PidFile pidFile = new PidFile(options.workDir);
    final Optional<ProcessHandle> running = pidFile.running();
    if (running.isPresent()) {
      err.println("local-msk start: a local-msk (pid " + running.get().pid() + ") already runs from " + options.workDir
                  + "; stop it first: local-msk stop --work-dir " + options.workDir);
      return 1;
    }
    // endpoints.json of an earlier run must not pass for this one's.
    Files.deleteIfExists(options.workDir.resolve(Endpoints.FILE));
    pidFile.writeOwn();
    final LocalMsk msk;
    try {
      msk = builder.start();
    }
    catch (Exception e) {
      pidFile.removeOwn();
      err.println("local-msk start: the emulator did not start: " + e.getMessage());
      return 1;
    }
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        msk.close();
        out.println("Local MSK stopped.");
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finally {
        Endpoints.remove(options.workDir);
        pidFile.removeOwn();
        stopped.countDown();
      }
    }, "local-msk-stop"));
    report(out, msk, options);
    stopped.await();
    return 0;
  }

  private static void report(final PrintStream out, final LocalMsk msk, final StartOptions options) throws IOException
  {
    final Path workDir = options.workDir;
    final String roleArn = msk.roles().get(0).arn();
    final String externalId = msk.roles().get(0).externalId().orElse(null);
    final Map<String, String> plain = ClientProperties.assumingRole(msk.broker(), false, roleArn, "local-msk", externalId);
    final Map<String, String> tls = ClientProperties.assumingRole(msk.broker(), true, roleArn, "local-msk", externalId);
    PrivateFiles.writeProperties(workDir.resolve(Endpoints.CLIENT_PROPERTIES), plain);
    PrivateFiles.writeProperties(workDir.resolve(Endpoints.CLIENT_SSL_PROPERTIES), tls);
    Endpoints.write(msk, workDir, options.authorization);

    final Map<String, String> aws = msk.awsSystemProperties();
    out.println("Local MSK is up; the broker (pid " + msk.broker().pid() + ") started in "
                + msk.broker().lastStartTime().toMillis() + " ms. Logs: " + msk.broker().logDir());
    out.println("Cluster " + msk.clusterArn() + ", authorization "
                + (options.authorization ? "by IAM policy (" + workDir.resolve(LocalMsk.POLICIES_FILE) + ")" : "off"));
    out.println("Everything a client needs: " + workDir.resolve(Endpoints.FILE));
    out.println("Client JVM settings (system property / environment variable):");
    out.println("  aws.endpointUrlSts=" + aws.get("aws.endpointUrlSts") + "   AWS_ENDPOINT_URL_STS");
    out.println("  aws.region=" + aws.get("aws.region") + "   AWS_REGION");
    out.println("  aws.accessKeyId=" + aws.get("aws.accessKeyId") + "   AWS_ACCESS_KEY_ID");
    out.println("  aws.secretAccessKey: see " + workDir.resolve(Endpoints.AWS_ENV) + " (source it) or "
                + workDir.resolve(Endpoints.AWS_CREDENTIALS) + " (AWS_SHARED_CREDENTIALS_FILE)");
    msk.roles().forEach(role -> out.println(
        "Role " + role.arn() + role.externalId().map(id -> ", external ID " + id).orElse(", no external ID")
    ));
    out.println("Kafka client properties (SASL_PLAINTEXT, first role), also in "
                + workDir.resolve(Endpoints.CLIENT_PROPERTIES) + ":");
    plain.forEach((key, value) -> out.println("  " + key + '=' + value));
    out.println("SASL_SSL: bootstrap.servers=" + tls.get("bootstrap.servers") + ", all properties in "
                + workDir.resolve(Endpoints.CLIENT_SSL_PROPERTIES));
    if (Endpoints.clustered(msk)) {
      msk.cluster().brokers().forEach(broker -> out.println(
          "Broker " + broker.node().id() + " (pid " + broker.pid() + "): SASL_SSL advertised as "
          + broker.advertisedSaslSsl() + ", endpoint " + broker.node().endpointAddress()
      ));
      out.println("Client JVMs resolve those names with -Djdk.net.hosts.file=" + workDir.resolve(Endpoints.HOSTS));
    }
    out.println("Unauthenticated PLAINTEXT listener for test setup only: " + msk.cluster().internalBootstrap());
    out.println(READY_LINE);
    out.flush();
  }

  /** Fresh base credentials each run: they exist only for this emulator and are written to its files only. */
  private static BaseUser freshUser()
  {
    return new BaseUser(
        "AKIA" + randomText(12).toUpperCase().replaceAll("[^A-Z0-9]", "X").substring(0, 16),
        FakeSecrets.marked(randomText(30)),
        StartOptions.BASE_USER_ARN
    );
  }

  private static String randomText(final int bytes)
  {
    final byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().withoutPadding().encodeToString(random);
  }
}
