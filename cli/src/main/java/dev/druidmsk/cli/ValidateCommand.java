package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.validation.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `druid-msk spec validate`: parse the spec as the Overlord would, plus druid-msk's own checks. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Validate a spec with Druid's own classes, loaded from a Druid home in an isolated class loader, plus "
        + "druid-msk's checks (unknown fields, the aws-msk-iam provider resolving, taskDuration, MSK port vs auth).",
        "Exit code: 0 valid (warnings allowed), 1 invalid, 2 could not validate."
    }
)
final class ValidateCommand implements Callable<Integer>
{
  @Spec
  private CommandSpec spec;

  @Mixin
  private SpecSource source;

  @Option(
      names = "--druid-home",
      paramLabel = "DIR",
      description = "The Druid home (lib/ + extensions/) whose classes judge the spec; use your nodes' own. Default: "
                    + "env DRUID_MSK_DRUID_HOME, else the Druid home of this build with the druid-msk extension added."
  )
  private Path druidHome;

  @Mixin
  private JsonFlag json;

  @Override
  public Integer call()
  {
    final CliContext context = DruidMsk.contextOf(spec);
    final ObjectNode supervisorSpec = source.load(context);
    final ValidationResult result = Validation.validate(supervisorSpec, druidHome, context);
    if (json.isSet()) {
      JsonFlag.print(context, Validation.toJson(result));
    } else {
      Validation.print(result, context);
      context.out().println(result.ok() ? "valid" : "invalid");
      context.out().flush();
    }
    return result.ok() ? ExitCode.OK : ExitCode.NEGATIVE;
  }
}
