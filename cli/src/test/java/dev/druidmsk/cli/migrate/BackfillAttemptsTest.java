package dev.druidmsk.cli.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillAttemptsTest
{
  private static final TimeInterval INTERVAL = TimeInterval.parse("2026-11-18T00:00:00Z/2026-11-20T00:00:00Z");

  private static TaskStatus status(int attempt, String state)
  {
    return new TaskStatus(ReindexTask.idOf("t", INTERVAL, attempt), state, -1, null);
  }

  @Test
  void withNoEarlierTaskTheFirstAttemptIsSubmitted()
  {
    final BackfillAttempts attempts = BackfillAttempts.of(List.of());
    assertThat(attempts.succeeded()).isNull();
    assertThat(attempts.active()).isNull();
    assertThat(attempts.attempt()).isEqualTo(1);
  }

  @Test
  void afterFailuresTheNextAttemptIsSubmitted()
  {
    assertThat(BackfillAttempts.of(List.of(status(1, "FAILED"), status(2, "FAILED"))).attempt()).isEqualTo(3);
  }

  @Test
  void aRunningOrWaitingTaskIsResumed()
  {
    final BackfillAttempts attempts = BackfillAttempts.of(List.of(status(1, "FAILED"), status(2, "WAITING")));
    assertThat(attempts.active().id()).endsWith("_2");
    assertThat(attempts.attempt()).isEqualTo(2);
  }

  @Test
  void aSucceededTaskMeansDone()
  {
    final BackfillAttempts attempts = BackfillAttempts.of(List.of(status(1, "SUCCESS")));
    assertThat(attempts.succeeded().id()).endsWith("_1");
    assertThat(attempts.attempt()).isEqualTo(1);
  }

  @Test
  void theOverlordsPendingStateIsReadFromTheRunnerStatus()
  {
    final TaskStatus status = TaskStatus.from(Schemas.parse(
        "{\"id\":\"x\",\"statusCode\":\"RUNNING\",\"runnerStatusCode\":\"PENDING\",\"duration\":-1}"
    ));
    assertThat(status.state()).isEqualTo("PENDING");
    assertThat(status.active()).isTrue();
  }

  @Test
  void aFailedStatusCarriesItsErrorMessage()
  {
    final TaskStatus status = TaskStatus.from(Schemas.parse(
        "{\"id\":\"x\",\"statusCode\":\"FAILED\",\"runnerStatusCode\":\"NONE\",\"duration\":1200,\"errorMsg\":\"no lock\"}"
    ));
    assertThat(status.failed()).isTrue();
    assertThat(status.errorMsg()).isEqualTo("no lock");
    assertThat(status.durationMs()).isEqualTo(1200);
  }
}
