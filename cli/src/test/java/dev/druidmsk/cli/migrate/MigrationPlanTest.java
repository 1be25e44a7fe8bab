package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.druid.ApiCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationPlanTest
{
  private static final String OVERLORD = "https://overlord:8281";
  private static final String BROKER = "https://broker:8282";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final TimeInterval SOURCE_DATA = TimeInterval.parse("2026-11-18T03:12:00Z/2026-11-25T11:59:00Z");

  private static MigrationPlan plan(String cutoff, BackfillAttempts attempts)
  {
    return MigrationPlan.of(
        "api_kinesis",
        "api_requests",
        "api_requests",
        Cutoff.snap(Instant.parse(cutoff), Granularity.parse("HOUR")),
        SOURCE_DATA,
        Schemas.telemetry(),
        1,
        interval -> attempts,
        NOW
    );
  }

  private static List<String> titles(MigrationPlan plan)
  {
    return plan.steps(OVERLORD, BROKER).stream().map(PlanStep::title).collect(Collectors.toList());
  }

  @Test
  void theBackfillIntervalRunsFromTheSourcesFirstSegmentToTheSnappedCutoff()
  {
    assertThat(plan("2026-11-20T10:17:00Z", BackfillAttempts.none()).backfillInterval())
        .isEqualTo(TimeInterval.parse("2026-11-18T03:00:00Z/2026-11-20T11:00:00Z"));
  }

  @Test
  void aFreshPlanChecksDropsReindexesGatesAndFlips()
  {
    assertThat(titles(plan("2026-11-20T10:00:00Z", BackfillAttempts.none()))).containsExactly(
        "Check double-writing",
        "Drop the target's data before X",
        "Reindex the source's data before X into the target",
        "Parity gate",
        "Flip the feature flag"
    );
  }

  @Test
  void theCallsAreTheOverlordsMarkUnusedAndTaskApisWithTheTaskBackfillSubmits()
  {
    final MigrationPlan plan = plan("2026-11-20T10:00:00Z", BackfillAttempts.none());
    final List<PlanStep> steps = plan.steps(OVERLORD, BROKER);

    final ApiCall markUnused = steps.get(1).calls().get(0);
    assertThat(markUnused.method()).isEqualTo("POST");
    assertThat(markUnused.url()).isEqualTo(OVERLORD + "/druid/indexer/v1/datasources/api_requests/markUnused");
    assertThat(markUnused.body().toString()).isEqualTo("{\"interval\":\"2026-11-18T03:00:00Z/2026-11-20T10:00:00Z\"}");
    final ApiCall submit = steps.get(2).calls().get(0);
    assertThat(submit.url()).isEqualTo(OVERLORD + "/druid/indexer/v1/task");
    assertThat(submit.body()).isEqualTo(plan.task().json());
    assertThat(submit.curl()).contains("--data-binary @- <<'JSON'").endsWith("\nJSON");
  }

  @Test
  void theDoubleWriteCheckCountsEventsOfTheFirstSegmentAtXInBothDatasources()
  {
    final PlanStep check = plan("2026-11-20T10:00:00Z", BackfillAttempts.none()).steps(OVERLORD, BROKER).get(0);

    assertThat(check.calls().get(0).url()).isEqualTo(OVERLORD + "/druid/indexer/v1/supervisor/api_requests/status");
    assertThat(check.calls().get(2).body().path("query").asText()).isEqualTo(
        "SELECT SUM(\"requests\") AS \"events\" FROM \"api_kinesis\" WHERE __time >= TIME_PARSE('2026-11-20T10:00:00Z')"
        + " AND __time < TIME_PARSE('2026-11-20T11:00:00Z')"
    );
    assertThat(check.calls().get(3).body().path("query").asText()).contains("FROM \"api_requests\"");
  }

  @Test
  void locksOnTheTargetBeforeXAreAskedOfTheOverlordAtAnyPriority()
  {
    final PlanStep check = plan("2026-11-20T10:00:00Z", BackfillAttempts.none()).steps(OVERLORD, BROKER).get(0);

    assertThat(check.calls().get(1).method()).isEqualTo("POST");
    assertThat(check.calls().get(1).url()).isEqualTo(OVERLORD + "/druid/indexer/v1/lockedIntervals/v2");
    assertThat(check.calls().get(1).body().toString()).isEqualTo(
        "[{\"datasource\":\"api_requests\",\"priority\":0,"
        + "\"intervals\":[\"2026-11-18T03:00:00Z/2026-11-20T10:00:00Z\"]}]"
    );
  }

  @Test
  void afterASucceededTaskThePlanIsThatNothingIsLeftToDo()
  {
    final TaskStatus done = new TaskStatus(
        ReindexTask.idOf("api_requests", TimeInterval.parse("2026-11-18T03:00:00Z/2026-11-20T10:00:00Z"), 2),
        "SUCCESS", 61_000, null
    );
    final MigrationPlan plan = plan("2026-11-20T10:00:00Z", BackfillAttempts.of(List.of(failed(1), done)));

    assertThat(titles(plan)).containsExactly("Backfill: already done", "Parity gate", "Flip the feature flag");
    assertThat(plan.task().id()).isEqualTo(done.id());
  }

  @Test
  void whileATaskRunsThePlanIsToWaitForIt()
  {
    final TaskStatus running = new TaskStatus(
        ReindexTask.idOf("api_requests", TimeInterval.parse("2026-11-18T03:00:00Z/2026-11-20T10:00:00Z"), 1),
        "RUNNING", -1, null
    );
    final MigrationPlan plan = plan("2026-11-20T10:00:00Z", BackfillAttempts.of(List.of(running)));

    assertThat(titles(plan).get(0)).isEqualTo("Backfill: in progress");
    assertThat(plan.task().id()).isEqualTo(running.id());
  }

  @Test
  void afterAFailedTaskTheNextAttemptIsPlanned()
  {
    final MigrationPlan plan = plan("2026-11-20T10:00:00Z", BackfillAttempts.of(List.of(failed(1))));

    assertThat(plan.task().id()).endsWith("_2");
    assertThat(titles(plan).get(0)).isEqualTo("Check double-writing");
  }

  @Test
  void aCutoffInTheFutureIsRefused()
  {
    assertThatThrownBy(() -> plan("2026-11-26T00:00:00Z", BackfillAttempts.none()))
        .hasMessageContaining("in the future");
  }

  @Test
  void aCutoffBeforeTheSourcesDataIsRefusedWithTheFirstRow()
  {
    assertThatThrownBy(() -> plan("2026-11-18T01:00:00Z", BackfillAttempts.none()))
        .hasMessageContaining("no data before cutoff")
        .hasMessageContaining("2026-11-18T03:12:00Z");
  }

  @Test
  void withoutACountMetricEventsAreCountedAsRows()
  {
    assertThat(MigrationPlan.rowCountOf(Schemas.parse("{\"metricsSpec\":[]}"))).isEqualTo("COUNT(*)");
    assertThat(MigrationPlan.rowCountOf(Schemas.telemetry())).isEqualTo("SUM(\"requests\")");
  }

  private static TaskStatus failed(int attempt)
  {
    return new TaskStatus(
        ReindexTask.idOf("api_requests", TimeInterval.parse("2026-11-18T03:00:00Z/2026-11-20T10:00:00Z"), attempt),
        "FAILED", 5_000, "boom"
    );
  }
}
