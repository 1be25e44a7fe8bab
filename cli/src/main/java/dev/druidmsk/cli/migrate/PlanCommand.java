package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** `druid-msk migrate plan`: what `migrate backfill` would do, step by step, with the exact API calls. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Print the migration steps from --source to --target at cutoff X with the exact API calls (curl): the "
        + "double-writing check, marking the target's segments before X unused, the reindex task of the source's data "
        + "before X, the parity gate and the flag flip. Reads the target supervisor's spec (schema, segment "
        + "granularity), the source's time range and earlier backfill tasks; changes nothing.",
        "",
        "X is moved forward to the target's next segment boundary when it falls inside a segment, and the plan says so.",
        "",
        "Exit code: 0 printed, 2 bad input or Druid error."
    },
    footer = {
        "",
        "Example:",
        "  druid-msk migrate plan --overlord https://druid.example.com:8281 --source api_requests_kinesis \\",
        "      --target api_requests --cutoff 2026-11-20T00:00:00Z"
    }
)
final class PlanCommand implements Callable<Integer>
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private BackfillOptions options;

  @Mixin
  private DruidOptions druid;

  @Override
  public Integer call()
  {
    final CliContext context = run.context();
    final Cluster api = druid.connect(context);
    PlanPrinter.print(options.plan(api), api.overlordUrl(), api.brokerUrl(), context.out());
    return ExitCode.OK;
  }
}
