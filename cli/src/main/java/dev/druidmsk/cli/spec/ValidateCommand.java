package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.ExitCode;
import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.input.DruidHomeOption;
import dev.druidmsk.cli.input.SpecSource;
import dev.druidmsk.cli.input.Validation;
import dev.druidmsk.templates.validation.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
  @Mixin
  private ContextMixin run;

  @Mixin
  private SpecSource source;

  @Mixin
  private DruidHomeOption druidHome;

  @Mixin
  private JsonFlag json;

  @Override
  public Integer call()
  {
    final CliContext context = run.context();
    final ObjectNode supervisorSpec = source.load(context);
    final ValidationResult result = Validation.validate(supervisorSpec, druidHome.forValidation(context));
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
