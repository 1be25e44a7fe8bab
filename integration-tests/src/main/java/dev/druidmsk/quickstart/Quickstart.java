package dev.druidmsk.quickstart;

import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.cluster.DruidService;
import dev.druidmsk.ingest.BuildOutputs;
import dev.druidmsk.ingest.LocalIngestionStack;
import dev.druidmsk.ingest.ReaderIdentity;
import dev.druidmsk.localmsk.iam.FakeSecrets;
import dev.druidmsk.localmsk.sts.BaseUser;
import dev.druidmsk.telemetry.ApiRequestProducer;
import dev.druidmsk.telemetry.ProducedTotals;
import dev.druidmsk.telemetry.SteadyTraffic;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * API analytics over "MSK" in one command: the MSK IAM emulator, a Druid cluster provisioned with druid-msk by
 * bootstrap's installer, the API-telemetry supervisor rendered and submitted with the druid-msk command (IAM role
 * with an external ID, SASL_SSL), a stream of API request events, and a live view from Druid SQL.
 * Run it through the repository's {@code ./quickstart} script.
 */
public final class Quickstart
{
  static final String TOPIC = "api-requests";
  static final String DATA_SOURCE = "api_requests";
  private static final Duration REFRESH = Duration.ofSeconds(5);

  private Quickstart()
  {
  }

  public static void main(String[] args) throws Exception
  {
    final QuickstartOptions options = QuickstartOptions.parse(args);
    if (options == null) {
      return;
    }
    final Path pidFile = options.workDir().resolve("quickstart.pid");
    Files.createDirectories(options.workDir());
    Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
    final RequestedStop stop = RequestedStop.install();
    boolean stoppedCleanly = false;
    try {
      run(options, stop);
      stoppedCleanly = true;
    }
    finally {
      Files.deleteIfExists(pidFile);
      say(stoppedCleanly ? "Stopped; nothing is left running." : "Stopped after an error (above).");
      stop.finished(stoppedCleanly);
    }
  }

  private static void run(QuickstartOptions options, RequestedStop stop) throws Exception
  {
    final ReaderIdentity identity = identity();
    try (LocalIngestionStack stack = LocalIngestionStack.start(
        options.workDir().resolve("run-" + Instant.now().getEpochSecond()),
        BuildOutputs.inRepository(options.repository()),
        identity,
        true,
        cluster -> cluster.withRouter(),
        Quickstart::say
    )) {
      stack.createTopic(TOPIC, 2);
      final Path spec = stack.renderTelemetrySpec(DATA_SOURCE, TOPIC, identity.externalId());
      say("Rendered the supervisor spec from the msk-iam-api-telemetry template: " + spec);
      say("$ druid-msk spec validate " + spec.getFileName());
      expectSuccess(stack.druidMskShown("spec", "validate", spec.toString()), "validate");
      say("$ druid-msk spec submit " + spec.getFileName());
      expectSuccess(stack.druidMskShown("spec", "submit", spec.toString(), "--settle", "20s"), "submit");
      printSqlAccess(stack.druid().url(DruidService.ROUTER).resolve(DruidEndpoints.SQL));
      say("Stop with Ctrl-C, or `./quickstart --stop` from another terminal.");
      runTraffic(stack, options, stop);
      say("Stopping: supervisors, Druid, the broker and the STS...");
    }
  }

  private static void printSqlAccess(URI sql)
  {
    say("Druid SQL, through the router: " + sql + " (datasource " + DATA_SOURCE + "), for instance:");
    System.out.println(
        "  curl -s -H 'Content-Type: application/json' " + sql + " -d '{\"query\": \"SELECT route, "
        + "SUM(requests) AS requests FROM " + DATA_SOURCE + " GROUP BY route ORDER BY 2 DESC\"}'"
    );
    say("No web console: the Druid home here is laid out from Maven Central, where Druid does not publish it.");
  }

  private static void runTraffic(LocalIngestionStack stack, QuickstartOptions options, RequestedStop stop)
      throws Exception
  {
    final long end = options.minutes() > 0 ? System.nanoTime() + TimeUnit.MINUTES.toNanos(options.minutes())
                                            : Long.MAX_VALUE;
    final SteadyTraffic traffic = new SteadyTraffic(1, Instant.now(), options.eventsPerSecond());
    final ProducedTotals produced = new ProducedTotals();
    final LiveApiView view = new LiveApiView(stack.sql(), DATA_SOURCE, traffic.start(), produced);
    // The demo's traffic comes in through the unauthenticated setup listener: it shows Druid reading over IAM.
    try (ApiRequestProducer producer = new ApiRequestProducer(Map.of(
        "bootstrap.servers", stack.msk().broker().internalBootstrap()
    ))) {
      while (System.nanoTime() < end && !stop.await(Duration.ZERO)) {
        produced.add(producer.send(TOPIC, traffic.due(Instant.now())));
        view.print(System.out, Instant.now());
        stop.await(REFRESH);
      }
    }
  }

  /** A fresh base user and external ID per run, as secrets a real setup would keep out of sight. */
  private static ReaderIdentity identity()
  {
    final SecureRandom random = new SecureRandom();
    final byte[] secret = new byte[24];
    random.nextBytes(secret);
    return new ReaderIdentity(
        new BaseUser(
            "AKIAQUICKSTART" + HexFormat.of().formatHex(secret, 6, 9).toUpperCase(),
            FakeSecrets.marked(HexFormat.of().formatHex(secret, 9, 24) + "quickstart"),
            "arn:aws:iam::111111111111:user/druid-nodes"
        ),
        "arn:aws:iam::222222222222:role/druid-msk-reader",
        "quickstart-" + HexFormat.of().formatHex(secret, 0, 6)
    );
  }

  private static void expectSuccess(int exitCode, String step)
  {
    if (exitCode != 0) {
      throw new IllegalStateException("druid-msk spec " + step + " failed (exit " + exitCode + ")");
    }
  }

  static void say(String line)
  {
    System.out.println("[quickstart] " + line);
  }
}
