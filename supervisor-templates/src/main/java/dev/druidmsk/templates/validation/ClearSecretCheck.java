package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.List;

/** Passwords written into a spec are readable by anyone who can read the supervisor (and end up in diffs). */
final class ClearSecretCheck
{
  private static final List<String> PASSWORD_PROPERTIES =
      List.of("ssl.truststore.password", "ssl.keystore.password", "ssl.key.password");

  private ClearSecretCheck()
  {
  }

  static void check(SupervisorSpec spec, List<Problem> problems)
  {
    for (String property : PASSWORD_PROPERTIES) {
      if (spec.consumerProperties().path(property).isTextual()) {
        problems.add(new Problem(
            Severity.WARNING,
            spec.consumerPropertiesPath().key(property).toString(),
            property + " is written in clear in the spec",
            "use a Druid password provider instead, e.g. {\"type\": \"environment\", \"variable\": "
            + "\"KAFKA_TRUSTSTORE_PASSWORD\"}"
        ));
      }
    }
  }
}
