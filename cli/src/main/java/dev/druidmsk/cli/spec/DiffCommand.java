package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.ExitCode;
import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.druid.OverlordOptions;
import dev.druidmsk.cli.input.SpecSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** `druid-msk spec diff`: what submitting the local spec would change on the cluster. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Compare a spec with the live one (GET /druid/indexer/v1/supervisor/{id}) and print a unified diff "
        + "from live (---) to local (+++).",
        "",
        "The comparison is semantic: only the keys your spec sets are compared, so what Druid adds (defaults, "
        + "context, its flat copies of dataSchema/ioConfig/tuningConfig) is ignored; key order, 1 vs 1.0, null vs "
        + "absent, \"dim\" vs {\"type\":\"string\",\"name\":\"dim\"}, the case of granularity names, PT1H vs "
        + "PT3600S in duration fields and the ioConfig \"type\" Druid leaves out of its echo do not count. "
        + "Secret values (externalId, passwords, JAAS) are compared but shown as ******.",
        "",
        "Exit code: 0 same, 1 different (or no such supervisor), 2 error."
    }
)
final class DiffCommand implements Callable<Integer>
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private SpecSource source;

  @Mixin
  private OverlordOptions overlord;

  @Mixin
  private JsonFlag json;

  @Override
  public Integer call()
  {
    final CliContext context = run.context();
    final LiveComparison live = LiveComparison.fetch(source.load(context), overlord.connect(context));
    if (json.isSet()) {
      final ObjectNode result = JsonNodeFactory.instance.objectNode();
      result.put("supervisor", live.id);
      result.put("exists", live.exists);
      result.put("same", live.same());
      result.put("diff", live.diff);
      JsonFlag.print(context, result);
    } else {
      live.print(context);
    }
    return live.same() ? ExitCode.OK : ExitCode.NEGATIVE;
  }
}
