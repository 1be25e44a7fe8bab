package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.templates.Suggestions;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Kafka only logs a warning for a consumer property it does not know, so a misspelled one silently does nothing.
 * The known names come from the Kafka client in the Druid home's extensions.
 */
final class ConsumerPropertyCheck
{
  private ConsumerPropertyCheck()
  {
  }

  static void check(SupervisorSpec spec, JsonNode knownNames, List<Problem> problems)
  {
    if (!knownNames.isArray()) {
      return;
    }
    final List<String> known = new ArrayList<>();
    knownNames.forEach(name -> known.add(name.asText()));
    final Iterator<String> names = spec.consumerProperties().fieldNames();
    while (names.hasNext()) {
      final String name = names.next();
      if (!SupervisorSpec.PROVIDER.equals(name) && !known.contains(name)) {
        problems.add(new Problem(
            Severity.WARNING,
            spec.consumerPropertiesPath().key(name).toString(),
            "the Kafka consumer has no setting '" + name + "' and ignores it" + Suggestions.didYouMean(name, known),
            "correct the property name, or remove it unless a Kafka plugin of yours reads it"
        ));
      }
    }
  }
}
