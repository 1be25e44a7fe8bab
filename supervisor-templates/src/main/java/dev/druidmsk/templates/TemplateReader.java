package dev.druidmsk.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.spec.Json;
import dev.druidmsk.templates.spec.JsonPath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses a template document and checks everything about it that does not depend on values. */
final class TemplateReader
{
  static final String SECTION = "template";
  private static final Set<String> SECTION_KEYS = Set.of("name", "description", "variables");
  private static final Set<String> VARIABLE_KEYS = Set.of("type", "default", "description");

  private final String source;
  private final Map<String, Variable> declared = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  private TemplateReader(String source)
  {
    this.source = source;
  }

  static Template read(byte[] content, String source, String defaultName) throws TemplateException
  {
    final JsonNode root;
    try {
      root = Json.MAPPER.readTree(content);
    }
    catch (JsonProcessingException e) {
      throw new TemplateException(source + ": not valid JSON at " + location(e) + ": " + e.getOriginalMessage());
    }
    catch (IOException e) {
      throw new TemplateException(source + ": cannot read the template: " + e, e);
    }
    return new TemplateReader(source).read(root, defaultName);
  }

  private Template read(JsonNode root, String defaultName) throws TemplateException
  {
    if (root == null || !root.isObject() || !root.path(SECTION).isObject()) {
      throw new TemplateException(
          source + ": $: a template is a supervisor spec (a JSON object) with a \"template\" object that declares "
          + "its variables, e.g. {\"template\": {\"variables\": {\"topic\": {\"type\": \"string\", "
          + "\"description\": \"...\"}}}, \"type\": \"kafka\", \"spec\": {...}}"
      );
    }
    final JsonPath sectionPath = JsonPath.ROOT.key(SECTION);
    final JsonNode section = root.get(SECTION);
    rejectUnknownKeys(section, SECTION_KEYS, sectionPath);
    final String name = optionalText(section, "name", sectionPath, defaultName);
    final String description = optionalText(section, "description", sectionPath, "");
    final JsonNode variables = section.path("variables");
    if (!variables.isObject()) {
      throw error(sectionPath.key("variables"), "must be an object mapping each variable name to its declaration");
    }
    final Iterator<Map.Entry<String, JsonNode>> fields = variables.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      declared.put(field.getKey(), declaration(field.getKey(), field.getValue(), sectionPath.key("variables")));
    }

    final ObjectNode spec = root.deepCopy();
    spec.remove(SECTION);
    checkPlaceholders(spec, JsonPath.ROOT);
    for (Variable variable : declared.values()) {
      if (!used.contains(variable.name())) {
        throw error(
            sectionPath.key("variables").key(variable.name()),
            "variable '" + variable.name() + "' is declared but no placeholder uses it; use ${" + variable.name()
            + "} in the spec or remove the declaration"
        );
      }
    }
    return new Template(name, description, source, new ArrayList<>(declared.values()), spec);
  }

  private Variable declaration(String name, JsonNode node, JsonPath variablesPath) throws TemplateException
  {
    final JsonPath path = variablesPath.key(name);
    if (!TextTemplate.VARIABLE_NAME.matcher(name).matches()) {
      throw error(path, "variable names are letters, digits and _, starting with a letter");
    }
    if (!node.isObject()) {
      throw error(path, "must be an object with \"type\", \"description\" and optionally \"default\"");
    }
    rejectUnknownKeys(node, VARIABLE_KEYS, path);
    final VariableType type = VariableType.named(node.path("type").asText(""));
    if (type == null) {
      throw error(path.key("type"), "must be one of " + VariableType.allNames());
    }
    if (!node.path("description").isTextual()) {
      throw error(path.key("description"), "every variable needs a description (a string): it is what "
                                            + "'druid-msk spec values' shows");
    }
    final JsonNode defaultValue = node.get("default");
    if (defaultValue != null && !defaultValue.isNull() && !type.accepts(defaultValue)) {
      throw error(path.key("default"), "the default of variable '" + name + "' must be of type " + type + ", not "
                                       + VariableType.kindOf(defaultValue));
    }
    return new Variable(name, type.toString(), defaultValue == null, defaultValue, node.get("description").asText());
  }

  private void checkPlaceholders(JsonNode node, JsonPath path) throws TemplateException
  {
    if (node.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().contains("${")) {
          throw error(path.key(field.getKey()), "placeholders are not allowed in keys: keys are the document's "
                                                + "structure, which values never change");
        }
        checkPlaceholders(field.getValue(), path.key(field.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkPlaceholders(node.get(i), path.index(i));
      }
    } else if (node.isTextual()) {
      checkString(node.asText(), path);
    }
  }

  private void checkString(String text, JsonPath path) throws TemplateException
  {
    final TextTemplate parsed;
    try {
      parsed = TextTemplate.parse(text);
    }
    catch (IllegalArgumentException e) {
      throw error(path, e.getMessage());
    }
    final boolean wholeValue = parsed.wholeValueVariable() != null;
    for (TextTemplate.Segment segment : parsed.segments()) {
      if (segment.variable() == null) {
        continue;
      }
      final Variable variable = declared.get(segment.variable());
      if (variable == null) {
        throw error(path, "placeholder ${" + segment.variable() + "} names no declared variable; declare '"
                          + segment.variable() + "' in template.variables, or write $${ for a literal ${");
      }
      if (!wholeValue && !VariableType.named(variable.type()).scalar) {
        throw error(path, "variable '" + variable.name() + "' is an " + variable.type() + " and can only be a "
                          + "whole value (\"${" + variable.name() + "}\"), not part of a text");
      }
      if (!wholeValue && variable.defaultValue() != null && variable.defaultValue().isNull()) {
        throw error(path, "variable '" + variable.name() + "' is optional (default null) and can only be a whole "
                          + "value, which is left out when unset; it cannot be part of a text");
      }
      used.add(variable.name());
    }
  }

  private void rejectUnknownKeys(JsonNode node, Set<String> known, JsonPath path) throws TemplateException
  {
    final Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      final String name = names.next();
      if (!known.contains(name)) {
        throw error(path.key(name), "unknown key" + Suggestions.didYouMean(name, known) + " Known keys: "
                                    + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private String optionalText(JsonNode node, String key, JsonPath path, String fallback) throws TemplateException
  {
    final JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw error(path.key(key), "must be a string");
    }
    return value.asText();
  }

  private TemplateException error(JsonPath path, String message)
  {
    return new TemplateException(source + ": " + path + ": " + message);
  }

  private static String location(JsonProcessingException e)
  {
    return e.getLocation() == null
           ? "an unknown position"
           : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
