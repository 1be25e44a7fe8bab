package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** `druid-msk migrate backfill`: executes the plan and reports the reindex task's outcome. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Execute what `migrate plan` prints: check double-writing, mark the target's segments before X unused, "
        + "submit the reindex of the source's data before X into the target, wait with progress, report the task's "
        + "outcome (rows, duration; on failure its error and the fix).",
        "",
        "Idempotent and resumable: task ids are deterministic per target and interval, so a rerun after success does "
        + "nothing, a rerun while the task runs waits for it, and a rerun after a failure submits the next attempt.",
        "",
        "Exit code: 0 done (or already done, or --dry-run), 1 the reindex task failed, 2 bad input, a failed check or a "
        + "Druid error (nothing changed unless said)."
    },
    footer = {
        "",
        "Examples:",
        "  druid-msk migrate backfill --source api_requests_kinesis --target api_requests \\",
        "      --cutoff 2026-11-20T00:00:00Z --dry-run",
        "  druid-msk migrate backfill --source api_requests_kinesis --target api_requests \\",
        "      --cutoff 2026-11-20T00:00:00Z --broker https://druid-broker.example.com:8282"
    }
)
final class BackfillCommand implements Callable<Integer>
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private BackfillOptions options;

  @Mixin
  private DruidOptions druid;

  @Option(names = "--dry-run", description = "Print the calls backfill would make; make none.")
  private boolean dryRun;

  @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "10s", description = "How often to read the task's status while waiting (default: ${DEFAULT-VALUE}).")
  private Duration pollInterval;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h", description = "How long to wait for the task; it keeps running after, and a rerun waits again (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Override
  public Integer call()
  {
    final CliContext context = run.context();
    final Cluster api = druid.connect(context);
    final MigrationPlan plan = options.plan(api);
    if (dryRun) {
      PlanPrinter.print(plan, api.overlordUrl(), api.brokerUrl(), context.out());
      context.out().println();
      context.out().println("Dry run: no call was made.");
      return ExitCode.OK;
    }
    context.note(plan.cutoff().explanation());
    return new Backfill(api, context, pollInterval, timeout).run(plan) ? ExitCode.OK : ExitCode.NEGATIVE;
  }
}
