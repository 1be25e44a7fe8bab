package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/** `druid-msk spec render`: a template plus values, as the supervisor spec JSON Druid takes. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Render a template with values into a supervisor spec (stdout, or --output FILE). "
                  + "Nothing is written when a value is missing, unknown or of the wrong type."
)
final class RenderCommand implements Runnable
{
  @Spec
  private CommandSpec spec;

  @Mixin
  private TemplateInput input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the spec here (atomically) instead of stdout.")
  private Path output;

  @Override
  public void run()
  {
    final CliContext context = DruidMsk.contextOf(spec);
    final ObjectNode rendered = input.render(context);
    final String text = SpecFiles.pretty(rendered) + "\n";
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
