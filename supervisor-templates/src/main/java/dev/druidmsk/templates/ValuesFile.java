package dev.druidmsk.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.templates.spec.Json;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** One values file: {@code .json} is read as strict JSON, anything else as YAML. */
final class ValuesFile
{
  private static final Pattern QUOTED_TOKEN = Pattern.compile("'[^']*'");

  private ValuesFile()
  {
  }

  static Map<String, JsonNode> read(Path file) throws TemplateException
  {
    final JsonNode root = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                          ? readJson(file)
                          : readYaml(file);
    if (root == null || root.isNull()) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw new TemplateException(file + ": a values file is a map of variable name to value, e.g. "
                                  + "\"topic: api-requests\"; this one is " + VariableType.aKindOf(root));
    }
    final Map<String, JsonNode> values = new LinkedHashMap<>();
    final Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      values.put(field.getKey(), field.getValue());
    }
    return values;
  }

  private static JsonNode readJson(Path file) throws TemplateException
  {
    try {
      return Json.MAPPER.readTree(Files.readAllBytes(file));
    }
    catch (JsonProcessingException e) {
      final String where = e.getLocation() == null
                           ? ""
                           : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      // Jackson quotes the offending token, which may be part of a secret: keep the message, not the token.
      throw new TemplateException(
          file + ": not valid JSON" + where + ": " + QUOTED_TOKEN.matcher(e.getOriginalMessage()).replaceAll("'...'")
      );
    }
    catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static JsonNode readYaml(Path file) throws TemplateException
  {
    final LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    final Yaml yaml = new Yaml(
        new SafeConstructor(options),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        options,
        new Yaml12CoreResolver()
    );
    try (InputStream in = Files.newInputStream(file)) {
      return Json.MAPPER.valueToTree(yaml.load(in));
    }
    catch (MarkedYAMLException e) {
      // Only the position and the problem: the snippet YAML would quote may hold a secret.
      throw new TemplateException(file + ": not valid YAML at line " + (e.getProblemMark().getLine() + 1)
                                  + ", column " + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
    }
    catch (YAMLException | IllegalArgumentException e) {
      throw new TemplateException(file + ": not valid YAML: " + e.getClass().getSimpleName());
    }
    catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static TemplateException unreadable(Path file, IOException e)
  {
    return new TemplateException(file + ": cannot read the values file (" + e + "); check the path", e);
  }

  /**
   * YAML 1.2 core-schema scalars instead of SnakeYAML's YAML 1.1 ones: yes/no/on/off stay strings, 0755 stays
   * a string rather than an octal number, and dates stay strings, so what a file says is what the spec gets.
   */
  private static final class Yaml12CoreResolver extends Resolver
  {
    private static final Pattern BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INTEGER = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
    private static final Pattern DECIMAL =
        Pattern.compile("^[-+]?(?:(?:0|[1-9][0-9]*)\\.[0-9]*(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)$");
    private static final Pattern NULL_VALUE = Pattern.compile("^(?:~|null|Null|NULL|)$");

    @Override
    protected void addImplicitResolvers()
    {
      addImplicitResolver(Tag.BOOL, BOOLEAN, "tTfF");
      addImplicitResolver(Tag.INT, INTEGER, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, DECIMAL, "-+0123456789");
      addImplicitResolver(Tag.NULL, NULL_VALUE, "~nN\0");
      addImplicitResolver(Tag.NULL, NULL_VALUE, null);
    }
  }
}
