package dev.druidmsk.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.druidmsk.templates.spec.Json;

/**
 * {@code name=value}: the value is read as JSON when the whole text is valid JSON (a number, true/false, null,
 * a quoted string, an array or an object), otherwise it is the text itself.
 */
record SetExpression(String name, JsonNode value, String text)
{
  static SetExpression parse(String expression, int position) throws TemplateException
  {
    final int equals = expression.indexOf('=');
    final String name = equals < 0 ? expression : expression.substring(0, equals);
    if (equals < 0 || !TextTemplate.VARIABLE_NAME.matcher(name).matches()) {
      // The expression itself is not echoed: its value may be a secret.
      throw new TemplateException(
          "--set expression #" + position + " is not name=value with a variable name (letters, digits and _, "
          + "starting with a letter) before the first '='; write e.g. --set taskCount=2 or --set topic=api-requests"
      );
    }
    final String text = expression.substring(equals + 1);
    return new SetExpression(name, asJsonOrText(text), text);
  }

  private static JsonNode asJsonOrText(String text)
  {
    try {
      final JsonNode parsed = Json.MAPPER.readTree(text);
      return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
    }
    catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }
}
