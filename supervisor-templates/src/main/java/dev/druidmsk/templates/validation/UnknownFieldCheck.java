package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.templates.Suggestions;
import dev.druidmsk.templates.spec.JsonPath;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Druid's mapper ignores fields it does not know, so a misspelled setting is silently dropped. Druid writes back
 * every field it read into a property, so a field of the spec that is missing from Druid's own re-serialization of
 * it was not read: it is reported, with the closest field Druid did read. {@code type} is the exception: where the
 * class is fixed (an ioConfig inside a kafka supervisor) Druid accepts the type name and does not write it back.
 */
final class UnknownFieldCheck
{
  private static final String TYPE = "type";

  private UnknownFieldCheck()
  {
  }

  static void check(SupervisorSpec spec, SupervisorSpec canonical, List<Problem> problems)
  {
    if (!canonical.root().isMissingNode()) {
      compare(spec.root(), canonical.root(), JsonPath.ROOT, problems);
    }
  }

  private static void compare(JsonNode given, JsonNode read, JsonPath path, List<Problem> problems)
  {
    if (given.isObject() && read.isObject()) {
      final Iterator<String> names = given.fieldNames();
      while (names.hasNext()) {
        final String name = names.next();
        if (read.has(name)) {
          compare(given.get(name), read.get(name), path.key(name), problems);
        } else if (!TYPE.equals(name)) {
          problems.add(new Problem(
              Severity.ERROR,
              path.key(name).toString(),
              "Druid does not know the field '" + name + "' here and ignores it, so it has no effect"
              + Suggestions.didYouMean(name, fieldNames(read)),
              "correct the field name to one Druid reads at " + path + ", or remove the field"
          ));
        }
      }
    } else if (given.isArray() && read.isArray()) {
      for (int i = 0; i < Math.min(given.size(), read.size()); i++) {
        compare(given.get(i), read.get(i), path.index(i), problems);
      }
    }
  }

  private static List<String> fieldNames(JsonNode node)
  {
    final List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
