package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.ExitCode;
import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.OverlordOptions;
import dev.druidmsk.cli.input.DruidHomeOption;
import dev.druidmsk.cli.input.SpecFiles;
import dev.druidmsk.cli.input.SpecSource;
import dev.druidmsk.cli.input.Validation;
import dev.druidmsk.cli.spec.SubmitReport.Outcome;
import dev.druidmsk.templates.validation.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** `druid-msk spec submit`: validate, diff, submit, watch, and roll back to the known-good spec on failure. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Validate the spec (as `spec validate`), show its diff against the live one (as `spec diff`), then POST "
        + "/druid/indexer/v1/supervisor?skipRestartIfUnmodified=true and wait until the supervisor is RUNNING "
        + "(SUSPENDED for a suspended spec).",
        "",
        "The known-good spec is Druid's: the spec running healthy right before the submit, read from the Overlord. "
        + "If Druid rejects the update, the supervisor reports an unhealthy state, reports a new error, or does not "
        + "stay RUNNING for --settle within --health-timeout, that spec is submitted again, and this is said; unless "
        + "Druid's spec history (GET .../supervisor/ID/history) shows another update after ours, which is then left "
        + "alone. A copy of the last healthy spec is kept in --state-dir, secrets masked.",
        "",
        "Calls to the Overlord that fail on the way (connection reset, HTTP 502/503/504) are tried again with "
        + "back-off within --request-timeout; the submit is safe to repeat (Druid applies it as an upsert).",
        "",
        "Exit code: 0 submitted and healthy (or unchanged, or --dry-run), 1 rolled back to the known-good spec, "
        + "2 nothing submitted (bad input, invalid spec, Overlord error), 3 the new spec is (or may be) live and "
        + "failed or could not be watched, and no known-good spec was restored: the message says what is live."
    }
)
final class SubmitCommand implements Callable<Integer>
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private SpecSource source;

  @Mixin
  private OverlordOptions overlord;

  @Mixin
  private DruidHomeOption druidHome;

  @Option(names = "--dry-run", description = "Validate and show the diff; submit nothing, write nothing.")
  private boolean dryRun;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where copies of known-good specs are kept, for the record (default: env DRUID_MSK_STATE_DIR, "
                    + "else ~/.druid-msk/state); made readable by you only (0700)."
  )
  private Path stateDir;

  @Option(
      names = "--full-state-copy",
      description = "Keep the copies in --state-dir with their secrets (external IDs, passwords, JAAS strings), so "
                    + "they can be submitted as they are; by default those values are masked."
  )
  private boolean fullStateCopy;

  @Option(
      names = "--health-timeout",
      paramLabel = "DURATION",
      defaultValue = "3m",
      description = "How long the updated supervisor has to become RUNNING before it is rolled back "
                    + "(default: ${DEFAULT-VALUE}; Druid marks a failing supervisor unhealthy after about 90s)."
  )
  private Duration healthTimeout;

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      defaultValue = "45s",
      description = "How long the updated supervisor must stay RUNNING with no new error before it is kept as "
                    + "known-good (default: ${DEFAULT-VALUE}: a Kafka supervisor reruns every ioConfig.period, 30s by "
                    + "default, and a bad role or topic shows on that run)."
  )
  private Duration settle;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description = "How often to read the supervisor's status while waiting (default: ${DEFAULT-VALUE})."
  )
  private Duration pollInterval;

  @Mixin
  private JsonFlag json;

  @Override
  public Integer call()
  {
    final CliContext context = run.context();
    final ObjectNode local = source.load(context);
    final DruidClient client = overlord.connect(context);
    final ValidationResult validation = Validation.validate(local, druidHome.forValidation(context));
    Validation.print(validation, context);
    if (!validation.ok()) {
      throw new CliException(
          "The spec of '" + SpecFiles.supervisorId(local) + "' is invalid (see above): fix it; nothing was submitted."
      );
    }

    final LiveComparison live = LiveComparison.fetch(local, client);
    final SubmitReport report = new SubmitReport(live.id, live.diff);
    if (!json.isSet()) {
      live.printChange(context, dryRun);
    }
    if (live.same()) {
      return finish(context, report.outcome(Outcome.UNCHANGED, "Unchanged: nothing to submit."));
    }
    if (dryRun) {
      return finish(context, report.outcome(Outcome.DRY_RUN, "Dry run: nothing submitted, nothing written."));
    }
    final SupervisorHealth health = new SupervisorHealth(client, context, healthTimeout, settle, pollInterval);
    final Rollout rollout = new Rollout(client, KnownGoodStore.at(stateDir, fullStateCopy, context), health, context);
    try {
      return finish(context, rollout.run(local, live.live, report));
    }
    catch (RolloutException e) {
      throw new CliException(e.getMessage(), e.outcomeUnknown() ? ExitCode.ROLLBACK_FAILED : ExitCode.ERROR);
    }
  }

  private int finish(CliContext context, SubmitReport report)
  {
    if (json.isSet()) {
      JsonFlag.print(context, report.toJson());
    } else {
      context.out().println(context.redactor().redact(report.message()));
      context.out().flush();
    }
    return exitCode(report.outcome());
  }

  private static int exitCode(Outcome outcome)
  {
    switch (outcome) {
      case ROLLED_BACK:
        return ExitCode.NEGATIVE;
      case ROLLBACK_FAILED:
        return ExitCode.ROLLBACK_FAILED;
      default:
        return ExitCode.OK;
    }
  }
}
