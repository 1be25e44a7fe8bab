package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A supervisor spec with {@code ${name}} placeholders and a {@code template} section declaring its variables.
 * Loading checks the template completely (placeholder syntax, declared and used variables, default types), so
 * that rendering can only fail because of the values.
 */
public final class Template
{
  private static final List<String> BUILT_IN = List.of(
      "msk-iam-api-telemetry",
      "kafka-json-topic",
      "kinesis-json-stream"
  );

  private final String name;
  private final String description;
  private final String source;
  private final List<Variable> variables;
  private final ObjectNode spec;

  Template(String name, String description, String source, List<Variable> variables, ObjectNode spec)
  {
    this.name = name;
    this.description = description;
    this.source = source;
    this.variables = List.copyOf(variables);
    this.spec = spec;
  }

  public static Template load(Path file) throws TemplateException
  {
    final byte[] content;
    try {
      content = Files.readAllBytes(file);
    }
    catch (IOException e) {
      throw new TemplateException(file + ": cannot read the template (" + e + "); check the path and permissions", e);
    }
    return TemplateReader.read(content, file.toString(), fileBaseName(file));
  }

  public static Template builtIn(String name) throws TemplateException
  {
    if (!BUILT_IN.contains(name)) {
      throw new TemplateException(
          "There is no built-in template '" + name + "'. Built-in templates: " + String.join(", ", BUILT_IN)
          + "; or give the path of a template file"
      );
    }
    final String resource = "builtin/" + name + ".json";
    try (InputStream in = Template.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new TemplateException("built-in template '" + name + "' is missing from the jar (" + resource + ")");
      }
      return TemplateReader.read(in.readAllBytes(), "built-in template " + name, name);
    }
    catch (IOException e) {
      throw new TemplateException("cannot read built-in template '" + name + "': " + e, e);
    }
  }

  public static List<String> builtInNames()
  {
    return BUILT_IN;
  }

  public String name()
  {
    return name;
  }

  public String description()
  {
    return description;
  }

  /** The file the template came from, or {@code built-in template <name>}: the prefix of every error message. */
  public String source()
  {
    return source;
  }

  public List<Variable> variables()
  {
    return variables;
  }

  /** The spec with its placeholders, without the {@code template} section. Callers must not modify it. */
  ObjectNode spec()
  {
    return spec;
  }

  private static String fileBaseName(Path file)
  {
    final String fileName = file.getFileName().toString();
    final int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
