package dev.druidmsk.cli.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.CliContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a command gets its supervisor spec: a rendered file, or a template rendered with values right now. */
public final class SpecSource
{
  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "A rendered supervisor spec (JSON); '-' reads stdin. Instead of --template."
  )
  private Path specFile;

  @Mixin
  private TemplateInput templateInput = new TemplateInput();

  /** Whether a spec file or a template was named at all. */
  public boolean isGiven()
  {
    return specFile != null || templateInput.isGiven();
  }

  /** The spec, with its secret values registered for redaction. */
  public ObjectNode load(CliContext context)
  {
    if (specFile != null && templateInput.isGiven()) {
      throw new InputException("--spec takes a rendered spec: drop --template, --values and --set, or drop --spec.");
    }
    final ObjectNode spec = specFile != null ? SpecFiles.readObject(specFile, "--spec") : templateInput.render(context);
    SecretFields.registerAll(spec, context.redactor());
    return spec;
  }
}
