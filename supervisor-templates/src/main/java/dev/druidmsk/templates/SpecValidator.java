package dev.druidmsk.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a rendered supervisor spec as the Overlord would parse it, with Druid's own classes loaded from a Druid
 * home (its {@code lib/} and {@code extensions/}) in an isolated class loader, so the result is exact for the Druid
 * version and extensions of that home. On top, druid-msk's checks of what Druid accepts but that fails later:
 * unknown fields and Kafka consumer properties, the config provider falling back to mapString, taskDuration under PT1M, bootstrap.servers and
 * MSK ports, passwords in clear, rollup without a count.
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
    final List<Problem> problems = new ArrayList<>();
    if (spec == null || !spec.isObject()) {
      problems.add(new Problem(Severity.ERROR, JsonPath.ROOT.toString(), "a supervisor spec is a JSON object",
                               "pass the supervisor spec, {\"type\": \"kafka\", \"spec\": {...}}"));
      return new ValidationResult(problems);
    }
    final JsonNode report = askDruid(spec);
    findings.supervisor(report.path("supervisor"), problems);
    final SpecView view = new SpecView(spec, report.path("supervisor").get("canonical"));
    if (report.has("provider")) {
      findings.provider(view, report.get("provider"), problems);
    }
    UnknownFieldCheck.check(view, problems);
    if ("kafka".equals(view.type())) {
      BootstrapServersCheck.check(view, problems);
      ConsumerPropertyCheck.check(view, report.path("consumerConfigNames"), problems);
      ClearSecretCheck.check(view, problems);
    }
    TaskDurationCheck.check(view, problems);
    RollupCheck.check(view, problems);
    return new ValidationResult(problems);
  }

  private JsonNode askDruid(JsonNode spec)
  {
    final ObjectNode request = Json.MAPPER.createObjectNode();
    request.set("supervisor", spec);
    final JsonNode provider = new SpecView(spec, null).provider();
    if (provider.isObject()) {
      request.set("provider", provider);
    }
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
