package dev.druidmsk.cli.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.Redactor;
import dev.druidmsk.templates.Template;
import dev.druidmsk.templates.TemplateException;
import dev.druidmsk.templates.TemplateRenderer;
import dev.druidmsk.templates.Values;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** A template and the values to render it with: values files in order (base, then overlays), then --set. */
public final class TemplateInput
{
  @Option(
      names = {"-t", "--template"},
      paramLabel = "NAME|FILE",
      description = "A built-in template (list them with `druid-msk spec values`) or a template file. A value with a "
                    + "'/', ending in .json, or naming an existing file is a file."
  )
  private String template;

  @Option(
      names = {"-f", "--values"},
      paramLabel = "FILE",
      description = "YAML/JSON values file. Repeat for per-environment overlays; later files win "
                    + "(e.g. -f values.yaml -f prod.yaml)."
  )
  private List<Path> valueFiles = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "One value, applied after the files. Repeatable."
  )
  private List<String> setExpressions = new ArrayList<>();

  boolean isGiven()
  {
    return template != null || !valueFiles.isEmpty() || !setExpressions.isEmpty();
  }

  public ObjectNode render(CliContext context)
  {
    registerSecretSets(context.redactor());
    final Template resolved = template();
    try {
      return TemplateRenderer.render(resolved, Values.load(valueFiles, setExpressions));
    }
    catch (TemplateException e) {
      throw new InputException(e.getMessage());
    }
  }

  private Template template()
  {
    if (template == null) {
      throw new InputException(
          "No template: pass --template NAME|FILE (built-ins: " + String.join(", ", Template.builtInNames())
          + "), or --spec FILE where a rendered spec is accepted."
      );
    }
    return resolve(template);
  }

  /** A value with a '/', ending in .json, or naming an existing file loads that file; else a built-in. */
  public static Template resolve(String template)
  {
    try {
      return looksLikeFile(template) ? Template.load(Paths.get(template)) : Template.builtIn(template);
    }
    catch (TemplateException e) {
      throw new InputException(e.getMessage());
    }
  }

  /** A library error about a --set value may quote it: register the secret ones before rendering. */
  private void registerSecretSets(Redactor redactor)
  {
    for (String expression : setExpressions) {
      final int equals = expression.indexOf('=');
      if (equals > 0) {
        final String key = expression.substring(0, equals);
        if (SecretFields.isSecret(key) || SecretFields.isSecret(key.substring(key.lastIndexOf('.') + 1))) {
          redactor.register(expression.substring(equals + 1));
        }
      }
    }
  }

  private static boolean looksLikeFile(String value)
  {
    return value.contains("/") || value.endsWith(".json") || Files.exists(Paths.get(value));
  }
}
