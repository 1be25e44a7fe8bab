package dev.druidmsk.cli.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.Redactor;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a supervisor spec whose values are secrets: the role's external ID (aws-msk-iam and Kinesis),
 * Kafka passwords and JAAS strings, static AWS keys.
 */
public final class SecretFields
{
  private static final Set<String> NAMES = Set.of(
      "externalid", "awsexternalid", "sasl.jaas.config", "awsrolesecretaccesskey", "awsrolesessiontoken",
      "secretaccesskey", "sessiontoken", "awssecretaccesskey"
  );

  private SecretFields()
  {
  }

  public static boolean isSecret(String fieldName)
  {
    final String name = fieldName.toLowerCase(Locale.ROOT);
    return NAMES.contains(name) || name.contains("password");
  }

  /** Registers every secret value of the spec, so that no message of this run can print it. */
  public static void registerAll(JsonNode node, Redactor redactor)
  {
    if (node.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        if (isSecret(field.getKey()) && field.getValue().isValueNode()) {
          redactor.register(field.getValue().asText());
        } else {
          registerAll(field.getValue(), redactor);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> registerAll(element, redactor));
    }
  }
}
