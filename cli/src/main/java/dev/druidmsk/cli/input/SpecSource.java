package dev.druidmsk.cli.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.CliContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * Where a command gets its supervisor spec: a rendered file, named with --spec or alone as the one positional
 * argument (as `kubectl apply -f` and `terraform validate` users type it first), or a template rendered right now.
 */
public final class SpecSource
{
  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "A rendered supervisor spec (JSON); '-' reads stdin. Instead of --template."
  )
  private Path specFile;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SPEC_FILE",
      description = "The same as --spec SPEC_FILE; give one or the other."
  )
  private Path positionalSpecFile;

  @Mixin
  private TemplateInput templateInput = new TemplateInput();

  /** Whether a spec file or a template was named at all. */
  public boolean isGiven()
  {
    return specFile() != null || templateInput.isGiven();
  }

  /** The spec, with its secret values registered for redaction. */
  public ObjectNode load(CliContext context)
  {
    final Path file = specFile();
    if (file != null && templateInput.isGiven()) {
      throw new InputException("--spec takes a rendered spec: drop --template, --values and --set, or drop --spec.");
    }
    final ObjectNode spec = file != null ? SpecFiles.readObject(file, "--spec") : templateInput.render(context);
    SecretFields.registerAll(spec, context.redactor());
    return spec;
  }

  private Path specFile()
  {
    if (specFile != null && positionalSpecFile != null) {
      throw new InputException(
          "Two spec files: --spec " + specFile + " and " + positionalSpecFile
          + ". Give one, as --spec FILE or alone."
      );
    }
    return specFile != null ? specFile : positionalSpecFile;
  }
}
