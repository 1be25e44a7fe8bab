package dev.druidmsk.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.Distribution;
import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.druid.OverlordOptions;
import dev.druidmsk.cli.input.DruidHome;
import dev.druidmsk.cli.input.DruidHomeOption;
import dev.druidmsk.cli.input.SpecSource;
import dev.druidmsk.templates.spec.SupervisorSpec;
import dev.druidmsk.templates.validation.Problem;
import dev.druidmsk.templates.validation.Severity;
import dev.druidmsk.templates.validation.SpecValidator;
import dev.druidmsk.templates.validation.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `druid-msk doctor`: proves, on a node, that its Kafka consumers can reach MSK with IAM. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Check that this Druid node can ingest the given supervisor from MSK with IAM, before a supervisor runs: "
        + "installation, classloading as Druid does it, the spec, credentials (base identity, AssumeRole), the network "
        + "path to every bootstrap broker, and the Kafka calls Druid makes (authenticate, describe the topic, fetch "
        + "one record per partition without committing, the consumer group).",
        "The classloading, credential and Kafka checks run in a JVM started like a Druid service of this node "
        + "(--java, <druid-home>/lib/*, the -D flags of --jvm-config and -D, this environment).",
        "Exit code: 0 every check passed, 1 warnings only, 2 a check failed (or the doctor could not run)."
    }
)
public final class DoctorCommand implements Callable<Integer>
{
  static final String PROBE_DIR_PROPERTY = "druidmsk.doctor.probe.dir";
  static final String INSTALLER_PROPERTY = "druidmsk.doctor.installer";
  private static final List<String> GROUP_ORDER = List.of(
      "installation", "classloading", "spec", "credentials", "network", "kafka"
  );

  @Mixin
  private ContextMixin run;

  @Mixin
  private SpecSource source;

  @Option(names = "--supervisor", paramLabel = "ID",
      description = "Check the spec of this live supervisor, fetched from the Overlord (instead of --spec/--template).")
  private String supervisorId;

  @Mixin
  private OverlordOptions overlord;

  @Mixin
  private DruidHomeOption druidHome;

  @Option(names = "--java", paramLabel = "PATH",
      description = "The node's java executable (default: $JAVA_HOME/bin/java, else the Java running druid-msk).")
  private Path java;

  @Option(names = "--jvm-config", paramLabel = "FILE",
      description = "The service's jvm.config (one JVM flag per line): its -D flags (aws.region, aws.endpointUrlSts...) "
                    + "go to the node probe.")
  private Path jvmConfig;

  @Option(names = "-D", paramLabel = "KEY=VALUE",
      description = "A system property of the node's JVM, after those of --jvm-config (repeatable).")
  private Map<String, String> systemProperties = new LinkedHashMap<>();

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "Limit of every network step: DNS, connect, TLS, STS, each Kafka call (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--installer", paramLabel = "PATH",
      description = "bootstrap's druid-msk-install, whose `status` checks the installation (default: the copy in "
                    + "this distribution's libexec/).")
  private Path installer;

  @Mixin
  private JsonFlag json;

  @Override
  public Integer call()
  {
    final long start = System.nanoTime();
    final CliContext context = run.context();
    final Path home = home(context);
    final ObjectNode supervisor = loadSpec(context);
    final SupervisorSpec spec = SupervisorSpec.of(supervisor);
    final JsonNode consumerProperties = spec.consumerProperties();
    final List<String> nodeProperties = nodeSystemProperties(context);

    final List<CheckResult> checks = new ArrayList<>();
    checks.add(InstallationChecks.bundle(installerPath(), home, timeout.multipliedBy(6)));
    checks.add(InstallationChecks.singleMskJar(home));
    final List<CheckResult> network = new NetworkChecks(
        spec.bootstrapServers().orElse(null), spec.securityProtocol(),
        truststore(consumerProperties, context), timeout
    ).run();
    checks.addAll(network);

    final ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.set("provider", consumerProperties.get(SupervisorSpec.PROVIDER));
    request.set("consumerProperties", consumerProperties);
    request.put("topic", spec.topic().orElse(null));
    request.put("timeoutMs", timeout.toMillis());
    // Validated with the node's classes in the probe's JVM, which loads them anyway: Druid is loaded once.
    request.set("spec", SpecValidator.druidRequest(supervisor));
    if (network.stream().anyMatch(check -> check.status() == CheckStatus.FAIL)) {
      request.put("skipKafka", "the network checks failed");
    }
    final NodeProbeRunner.Answer probe = new NodeProbeRunner(
        javaPath(context), home, Distribution.path("doctor-probe", PROBE_DIR_PROPERTY), nodeProperties,
        timeout.multipliedBy(12).plusSeconds(60)
    ).run(request);
    checks.add(specCheck(supervisor, home, probe));
    checks.addAll(probe.checks());
    checks.sort(Comparator.comparingInt(check -> GROUP_ORDER.indexOf(check.group())));

    final DoctorReport report = new DoctorReport(checks, Duration.ofNanos(System.nanoTime() - start));
    if (json.isSet()) {
      JsonFlag.print(context, report.toJson());
    } else {
      context.out().print(context.redactor().redact(report.toText()));
      context.out().flush();
    }
    return report.exitCode();
  }

  private Path home(CliContext context)
  {
    return druidHome.ofNode(context).orElseThrow(() -> new CliException(
        "doctor needs the node's Druid home: pass --druid-home DIR or set " + DruidHome.ENV + "."
    ));
  }

  private ObjectNode loadSpec(CliContext context)
  {
    if (supervisorId == null) {
      return source.load(context);
    }
    if (source.isGiven()) {
      throw new CliException("--supervisor checks the live spec: drop --spec/--template/--values/--set, or drop --supervisor.");
    }
    final JsonNode live = overlord.connect(context).spec(supervisorId).orElseThrow(
        () -> new CliException("No supervisor '" + supervisorId + "' on the Overlord: check the ID with "
                               + "`druid-msk spec status`, or pass --spec FILE."));
    if (!live.isObject()) {
      throw new CliException("The Overlord's answer for supervisor '" + supervisorId + "' is not a spec.");
    }
    return (ObjectNode) live;
  }

  private static CheckResult specCheck(ObjectNode supervisor, Path home, NodeProbeRunner.Answer probe)
  {
    final String name = "spec.valid";
    if (probe.spec() == null) {
      return CheckResult.skip(name, "skipped: " + probe.specUnanswered());
    }
    final ValidationResult result = SpecValidator.validateWithAnswer(supervisor, probe.spec(), home);
    final List<String> evidence = new ArrayList<>();
    String fix = null;
    boolean warnings = false;
    for (Problem problem : result.problems()) {
      evidence.add(problem.severity() + " at " + problem.jsonPath() + ": " + problem.message());
      warnings = true;
      if (fix == null && problem.severity() == Severity.ERROR) {
        fix = problem.fix();
      }
    }
    if (!result.ok()) {
      return CheckResult.fail(name, "Druid or druid-msk's checks reject the spec (`druid-msk spec validate`)",
                              evidence, fix);
    }
    return warnings
           ? CheckResult.warn(name, "valid, with warnings (`druid-msk spec validate`)", evidence,
                              result.problems().get(0).fix())
           : CheckResult.pass(name, "valid for this node's Druid (`druid-msk spec validate`)", evidence);
  }

  private static NetworkChecks.Truststore truststore(JsonNode consumerProperties, CliContext context)
  {
    final String location = consumerProperties.path("ssl.truststore.location").asText(null);
    if (location == null) {
      return new NetworkChecks.Truststore(null, null, null);
    }
    final JsonNode password = consumerProperties.path("ssl.truststore.password");
    final String text;
    if (password.isTextual()) {
      text = password.asText();
    } else if ("environment".equals(password.path("type").asText())) {
      text = context.env(password.path("variable").asText());
    } else {
      text = password.path("password").asText(null);
    }
    context.redactor().register(text);
    return new NetworkChecks.Truststore(
        Paths.get(location), consumerProperties.path("ssl.truststore.type").asText("JKS"), text
    );
  }

  private List<String> nodeSystemProperties(CliContext context)
  {
    final List<String> flags = new ArrayList<>();
    if (jvmConfig != null) {
      try {
        for (String line : Files.readAllLines(jvmConfig)) {
          if (line.strip().startsWith("-D")) {
            flags.add(line.strip());
          }
        }
      }
      catch (IOException e) {
        throw new CliException("Cannot read --jvm-config " + jvmConfig + ": check the path (the service's "
                               + "conf/druid/<service>/jvm.config).");
      }
    }
    systemProperties.forEach((key, value) -> flags.add("-D" + key + "=" + value));
    for (String flag : flags) {
      final int equals = flag.indexOf('=');
      final String key = equals < 0 ? flag : flag.substring(2, equals).toLowerCase(Locale.ROOT);
      if (equals > 0 && (key.contains("secret") || key.contains("token") || key.contains("password"))) {
        context.redactor().register(flag.substring(equals + 1));
      }
    }
    for (String secret : List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
      context.redactor().register(context.env(secret));
    }
    return flags;
  }

  private Path javaPath(CliContext context)
  {
    if (java != null) {
      return java;
    }
    final String javaHome = context.env("JAVA_HOME");
    return Paths.get(javaHome != null ? javaHome : System.getProperty("java.home"), "bin", "java");
  }

  private Path installerPath()
  {
    return installer != null ? installer : Distribution.path("libexec/druid-msk-install", INSTALLER_PROPERTY);
  }
}
