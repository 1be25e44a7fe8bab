package dev.druidmsk.cli.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.templates.validation.Problem;
import dev.druidmsk.templates.TemplateException;
import dev.druidmsk.templates.validation.ValidationResult;

/** Validates a spec with Druid's own classes (through supervisor-templates) and prints the problems. */
public final class Validation
{
  private Validation()
  {
  }

  /** Validates with the classes of {@code home}. */
  public static ValidationResult validate(JsonNode spec, DruidHome home)
  {
    try {
      return LoadedDruidHomes.validate(spec, home.path());
    }
    catch (TemplateException e) {
      throw new InputException(e.getMessage());
    }
  }

  /** One block per problem: severity, JSON path, message, and the fix on its own line. */
  public static void print(ValidationResult result, CliContext context)
  {
    for (Problem problem : result.problems()) {
      context.note(problem.severity() + " at " + problem.jsonPath() + ": " + problem.message());
      if (problem.fix() != null && !problem.fix().isBlank()) {
        context.note("  fix: " + problem.fix());
      }
    }
  }

  public static ObjectNode toJson(ValidationResult result)
  {
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("valid", result.ok());
    final ArrayNode problems = node.putArray("problems");
    for (Problem problem : result.problems()) {
      problems.addObject()
              .put("severity", problem.severity().name())
              .put("path", problem.jsonPath())
              .put("message", problem.message())
              .put("fix", problem.fix());
    }
    return node;
  }
}
