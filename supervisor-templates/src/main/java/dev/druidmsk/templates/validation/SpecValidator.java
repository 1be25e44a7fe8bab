package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.TemplateException;
import dev.druidmsk.templates.spec.Json;
import dev.druidmsk.templates.spec.JsonPath;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a rendered supervisor spec as the Overlord would parse it, with Druid's own classes loaded from a Druid
 * home (its {@code lib/} and {@code extensions/}) in an isolated class loader, so the result is exact for the Druid
 * version and extensions of that home. On top, druid-msk's checks of what Druid accepts but that fails later:
 * unknown fields and Kafka consumer properties, the config provider falling back to mapString, taskDuration under PT1M, bootstrap.servers and
 * MSK ports, passwords in clear, rollup without a count, the deprecated dataSchema.parser.
 *
 * <p>Loading Druid takes seconds; reuse one validator for many specs. Not thread-safe.
 */
public final class SpecValidator implements AutoCloseable
{
  private final DruidProbe druid;
  private final DruidFindings findings;

  private SpecValidator(DruidProbe druid, DruidFindings findings)
  {
    this.druid = druid;
    this.findings = findings;
  }

  public static SpecValidator forDruidHome(Path druidHome) throws TemplateException
  {
    final Path home = druidHome.toAbsolutePath().normalize();
    return new SpecValidator(DruidProbe.open(home), new DruidFindings(home));
  }

  public ValidationResult validate(JsonNode spec)
  {
    if (spec == null || !spec.isObject()) {
      return notAnObject();
    }
    return judge(SupervisorSpec.of(spec), askDruid(druidRequest((ObjectNode) spec)), findings);
  }

  /**
   * What Druid's classes are asked about {@code spec}, for a spec probe that runs elsewhere: the doctor's, in the
   * node's own JVM. Its answer goes to {@link #validateWithAnswer(JsonNode, JsonNode, Path)}.
   */
  public static ObjectNode druidRequest(ObjectNode spec)
  {
    final ObjectNode request = Json.MAPPER.createObjectNode();
    request.set("supervisor", spec);
    final JsonNode provider = SupervisorSpec.of(spec).provider();
    if (provider.isObject()) {
      request.set("provider", provider);
    }
    return request;
  }

  /** Validates {@code spec} with the answer a spec probe of the Druid home {@code druidHome} gave elsewhere. */
  public static ValidationResult validateWithAnswer(JsonNode spec, JsonNode druidAnswer, Path druidHome)
  {
    if (spec == null || !spec.isObject()) {
      return notAnObject();
    }
    return judge(SupervisorSpec.of(spec), druidAnswer, new DruidFindings(druidHome.toAbsolutePath().normalize()));
  }

  private static ValidationResult notAnObject()
  {
    return new ValidationResult(List.of(new Problem(
        Severity.ERROR, JsonPath.ROOT.toString(), "a supervisor spec is a JSON object",
        "pass the supervisor spec, {\"type\": \"kafka\", \"spec\": {...}}"
    )));
  }

  private static ValidationResult judge(SupervisorSpec supervisor, JsonNode report, DruidFindings findings)
  {
    final List<Problem> problems = new ArrayList<>();
    findings.supervisor(report.path("supervisor"), supervisor, problems);
    // Druid's own rewrite of the spec, missing when Druid rejected it.
    final SupervisorSpec canonical = SupervisorSpec.of(report.path("supervisor").path("canonical"));
    if (report.has("provider")) {
      findings.provider(supervisor, report.get("provider"), problems);
    }
    UnknownFieldCheck.check(supervisor, canonical, problems);
    if ("kafka".equals(supervisor.type())) {
      BootstrapServersCheck.check(supervisor, problems);
      ConsumerPropertyCheck.check(supervisor, report.path("consumerConfigNames"), problems);
      ClearSecretCheck.check(supervisor, problems);
    }
    TaskDurationCheck.check(supervisor, canonical, problems);
    RollupCheck.check(supervisor, problems);
    ParserCheck.check(supervisor, problems);
    return new ValidationResult(problems);
  }

  private JsonNode askDruid(ObjectNode request)
  {
    try {
      return Json.MAPPER.readTree(druid.call(Json.MAPPER.writeValueAsString(request)));
    }
    catch (JsonProcessingException e) {
      throw new IllegalStateException("the Druid probe answered with invalid JSON", e);
    }
  }

  @Override
  public void close()
  {
    druid.close();
  }
}
