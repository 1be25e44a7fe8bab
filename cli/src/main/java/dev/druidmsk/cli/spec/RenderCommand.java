package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.AtomicFiles;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.Json;
import dev.druidmsk.cli.input.ProviderOptions;
import dev.druidmsk.cli.input.SpecFiles;
import dev.druidmsk.cli.input.TemplateInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** `druid-msk spec render`: a template plus values, as the supervisor spec JSON Druid takes. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Render a template with values into a supervisor spec (stdout, or --output FILE). "
                  + "Nothing is written when a value is missing, unknown or of the wrong type, or when the aws-msk-iam provider "
                  + "would refuse its options (the provider's own checks: role ARN, external ID, region...)."
)
final class RenderCommand implements Runnable
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private TemplateInput input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the spec here (atomically) instead of stdout.")
  private Path output;

  @Override
  public void run()
  {
    final CliContext context = run.context();
    final ObjectNode rendered = input.render(context);
    ProviderOptions.problem(rendered).ifPresent(problem -> {
      throw new CliException("Nothing written: the aws-msk-iam provider would refuse this spec. " + problem + ".");
    });
    final String text = Json.pretty(rendered) + "\n";
    if (output == null) {
      context.out().print(text);
      context.out().flush();
      return;
    }
    try {
      AtomicFiles.write(output, text);
    }
    catch (IOException e) {
      throw new CliException("Cannot write --output " + output + " (" + e.getClass().getSimpleName() + "): check the folder.");
    }
    context.note("Wrote " + SpecFiles.supervisorId(rendered) + " spec to " + output);
  }
}
