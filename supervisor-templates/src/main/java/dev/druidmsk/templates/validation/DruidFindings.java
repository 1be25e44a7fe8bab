package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.iam.MskIamOptions;
import dev.druidmsk.templates.Suggestions;
import dev.druidmsk.templates.spec.JsonPath;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the probe's report on how Druid parsed the spec and its config provider into problems. */
final class DruidFindings
{
  private static final String KAFKA_EXTENSION = "druid-kafka-indexing-service";
  private static final Map<String, String> SUPERVISOR_EXTENSIONS = Map.of(
      "kafka", KAFKA_EXTENSION,
      "kinesis", "druid-kinesis-indexing-service",
      "rabbit", "druid-rabbit-indexing-service"
  );

  private final Path druidHome;

  DruidFindings(Path druidHome)
  {
    this.druidHome = druidHome;
  }

  void supervisor(JsonNode report, SupervisorSpec spec, List<Problem> problems)
  {
    if (report.has("canonicalError")) {
      problems.add(new Problem(
          Severity.WARNING,
          JsonPath.ROOT.toString(),
          "Druid parsed the spec but could not write it back (" + report.get("canonicalError").asText()
          + "), so misspelled fields were not checked",
          "check field names against Druid's documentation"
      ));
    }
    if (!report.has("error")) {
      return;
    }
    final JsonPath path = path(report.path("path"));
    if (!spec.provider().isMissingNode() && path.toString().startsWith(spec.providerPath().toString())) {
      // druid-msk's extension builds the provider while Druid parses the spec; the provider's report says it.
      return;
    }
    final String typeId = report.path("typeId").asText(null);
    final String extension = typeId == null ? null : SUPERVISOR_EXTENSIONS.get(typeId);
    if (extension != null && path.isRoot()) {
      problems.add(new Problem(
          Severity.ERROR,
          path.key("type").toString(),
          "no extension in " + druidHome.resolve("extensions") + " provides the supervisor type '" + typeId
          + "', so Druid cannot check this spec here: " + report.get("error").asText(),
          "validate against the Druid home of a node that loads " + extension + " (--druid-home), or install "
          + extension + " into " + druidHome.resolve("extensions")
      ));
    } else if (typeId != null) {
      problems.add(new Problem(
          Severity.ERROR,
          path.key("type").toString(),
          "Druid knows no type '" + typeId + "' here: " + report.get("error").asText(),
          "use one of the type ids Druid lists in the message, or load the extension that provides '" + typeId + "'"
      ));
    } else {
      problems.add(new Problem(
          Severity.ERROR,
          path.toString(),
          "Druid rejects the spec: " + report.get("error").asText(),
          "change the spec at " + path + " as Druid's message says"
      ));
    }
  }

  /** A provider without a type is a mapString provider by Druid's default, and needs no type check. */
  void provider(SupervisorSpec spec, JsonNode report, List<Problem> problems)
  {
    final String declaredType = spec.provider().path("type").asText("");
    final List<String> knownTypes = new ArrayList<>();
    report.path("types").forEach(type -> knownTypes.add(type.asText()));
    final String resolvedClass = report.path("class").asText("");
    final String typePath = spec.providerPath().key("type").toString();
    if (MskIamOptions.TYPE.equals(declaredType) && !knownTypes.contains(declaredType)) {
      problems.add(new Problem(
          Severity.ERROR,
          typePath,
          "the provider type aws-msk-iam is unknown to this Druid home, so Druid silently treats the provider as "
          + "mapString and the supervisor fails with a null map: the druid-msk bundle is not installed in "
          + druidHome.resolve("extensions").resolve(KAFKA_EXTENSION),
          "run bootstrap's installer on this Druid home (and on every Overlord, MiddleManager and Indexer)"
      ));
    } else if (!declaredType.isEmpty() && !knownTypes.contains(declaredType)) {
      problems.add(new Problem(
          Severity.ERROR,
          typePath,
          "Druid knows no config provider type '" + declaredType + "' and silently treats it as mapString"
          + Suggestions.didYouMean(declaredType, knownTypes),
          "use one of " + String.join(", ", knownTypes) + ", or install the extension that provides '"
          + declaredType + "'"
      ));
    } else if (report.has("error")) {
      problems.add(new Problem(
          Severity.ERROR,
          spec.providerPath().toString(),
          "Druid cannot build the config provider: " + report.get("error").asText(),
          "correct the provider's options as the message says"
      ));
    } else if (MskIamOptions.TYPE.equals(declaredType) && !MskIamOptions.PROVIDER_CLASS.equals(resolvedClass)) {
      problems.add(new Problem(
          Severity.ERROR,
          typePath,
          "the type aws-msk-iam resolves to " + resolvedClass + ", not druid-msk's " + MskIamOptions.PROVIDER_CLASS,
          "remove the extension that registers another aws-msk-iam type from " + druidHome.resolve("extensions")
      ));
    }
  }

  private static JsonPath path(JsonNode references)
  {
    JsonPath path = JsonPath.ROOT;
    for (JsonNode reference : references) {
      path = reference.isInt() ? path.index(reference.asInt()) : path.key(reference.asText());
    }
    return path;
  }
}
