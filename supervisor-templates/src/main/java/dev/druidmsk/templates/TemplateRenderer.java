package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.druidmsk.templates.spec.JsonPath;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a template's placeholders from values, on the parsed JSON tree rather than on text, so no value can change
 * the document's structure: a string that is exactly one placeholder becomes the value itself (number, boolean,
 * object, array); a placeholder inside a string adds the value's text to that string, and the JSON writer escapes it
 * like any other string content. A member or element whose whole value is an unset optional variable is left out.
 */
public final class TemplateRenderer
{
  private final Template template;
  private final Values values;
  private final Map<String, Variable> variables = new LinkedHashMap<>();
  private final Map<String, JsonNode> resolved = new HashMap<>();

  private TemplateRenderer(Template template, Values values)
  {
    this.template = template;
    this.values = values;
    template.variables().forEach(variable -> variables.put(variable.name(), variable));
  }

  public static ObjectNode render(Template template, Values values) throws TemplateException
  {
    return new TemplateRenderer(template, values).render();
  }

  private ObjectNode render() throws TemplateException
  {
    for (String name : values.asMap().keySet()) {
      if (!variables.containsKey(name)) {
        throw new TemplateException(
            values.origin(name) + ": value '" + name + "' is not a variable of template " + template.name() + " ("
            + template.source() + ")" + Suggestions.didYouMean(name, variables.keySet()) + " Its variables: "
            + String.join(", ", variables.keySet())
        );
      }
    }
    return (ObjectNode) renderNode(template.spec(), JsonPath.ROOT);
  }

  /** The rendered node, or null when it is an unset optional variable and must be left out. */
  private JsonNode renderNode(JsonNode node, JsonPath path) throws TemplateException
  {
    if (node.isObject()) {
      final ObjectNode rendered = JsonNodeFactory.instance.objectNode();
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        final JsonNode value = renderNode(field.getValue(), path.key(field.getKey()));
        if (value != null) {
          rendered.set(field.getKey(), value);
        }
      }
      return rendered;
    }
    if (node.isArray()) {
      final ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        final JsonNode element = renderNode(node.get(i), path.index(i));
        if (element != null) {
          rendered.add(element);
        }
      }
      return rendered;
    }
    if (node.isTextual()) {
      return renderText(TextTemplate.parse(node.asText()), path);
    }
    return node.deepCopy();
  }

  private JsonNode renderText(TextTemplate text, JsonPath path) throws TemplateException
  {
    final String whole = text.wholeValueVariable();
    if (whole != null) {
      final JsonNode value = resolve(whole, path);
      return value.isNull() ? null : value.deepCopy();
    }
    final StringBuilder out = new StringBuilder();
    for (TextTemplate.Segment segment : text.segments()) {
      out.append(segment.variable() == null ? segment.literal() : resolve(segment.variable(), path).asText());
    }
    return TextNode.valueOf(out.toString());
  }

  private JsonNode resolve(String name, JsonPath path) throws TemplateException
  {
    JsonNode value = resolved.get(name);
    if (value == null) {
      value = resolveFirstUse(variables.get(name), path);
      resolved.put(name, value);
    }
    return value;
  }

  private JsonNode resolveFirstUse(Variable variable, JsonPath path) throws TemplateException
  {
    final JsonNode given = values.asMap().get(variable.name());
    if (given == null || given.isNull()) {
      if (variable.required()) {
        throw new TemplateException(
            template.source() + ": " + path + ": variable '" + variable.name() + "' has no value and no default; "
            + "set it in a values file (" + variable.name() + ": ...) or with --set " + variable.name() + "=... ("
            + variable.description() + ")"
        );
      }
      return variable.defaultValue();
    }
    final VariableType type = VariableType.named(variable.type());
    if (type.accepts(given)) {
      return given;
    }
    final String setText = values.setText(variable.name());
    if (type == VariableType.STRING && setText != null && given.isValueNode()) {
      return TextNode.valueOf(setText);
    }
    throw new TemplateException(
        values.origin(variable.name()) + ": variable '" + variable.name() + "' must be of type " + type + ", but its "
        + "value is " + VariableType.aKindOf(given) + " (template " + template.source() + ", used at " + path
        + ")" + typeHint(type, given)
    );
  }

  private static String typeHint(VariableType expected, JsonNode given)
  {
    if (expected == VariableType.STRING && given.isValueNode()) {
      return "; quote it to make it a string";
    }
    if (expected.scalar && given.isTextual()) {
      return "; write it without quotes";
    }
    return "";
  }
}
