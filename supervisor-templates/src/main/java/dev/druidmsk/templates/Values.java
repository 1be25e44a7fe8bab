package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable values from values files (YAML or JSON, each a map of variable name to value), applied in order so that
 * a later file (a per-environment overlay) replaces an earlier file's value of the same variable as a whole, then
 * {@code --set name=value} expressions, applied last. A null value unsets the variable, so its default applies.
 */
public final class Values
{
  private final Map<String, JsonNode> values;
  private final Map<String, String> origins;
  private final Map<String, String> setTexts;

  private Values(Map<String, JsonNode> values, Map<String, String> origins, Map<String, String> setTexts)
  {
    this.values = Collections.unmodifiableMap(values);
    this.origins = origins;
    this.setTexts = setTexts;
  }

  public static Values load(List<Path> files, List<String> setExpressions) throws TemplateException
  {
    final Map<String, JsonNode> values = new LinkedHashMap<>();
    final Map<String, String> origins = new LinkedHashMap<>();
    final Map<String, String> setTexts = new LinkedHashMap<>();
    for (Path file : files) {
      for (Map.Entry<String, JsonNode> entry : ValuesFile.read(file).entrySet()) {
        values.put(entry.getKey(), entry.getValue());
        origins.put(entry.getKey(), file.toString());
        setTexts.remove(entry.getKey());
      }
    }
    for (int i = 0; i < setExpressions.size(); i++) {
      final SetExpression set = SetExpression.parse(setExpressions.get(i), i + 1);
      values.put(set.name(), set.value());
      origins.put(set.name(), "--set " + set.name());
      setTexts.put(set.name(), set.text());
    }
    return new Values(values, origins, setTexts);
  }

  /** Every value given, by variable name; JSON null for a variable that was explicitly unset. */
  public Map<String, JsonNode> asMap()
  {
    return values;
  }

  /** Where the value of {@code name} came from: a file path or {@code --set name}. */
  String origin(String name)
  {
    return origins.get(name);
  }

  /** The text after {@code =} when the value came from {@code --set}, else null. */
  String setText(String name)
  {
    return setTexts.get(name);
  }
}
