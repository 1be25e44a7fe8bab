package dev.druidmsk.cli.migrate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParityCheckTest
{
  private static final Instant START = Instant.parse("2026-11-19T00:00:00Z");
  /** Two days of events, one a minute. */
  private static final TimeInterval TWO_DAYS = TimeInterval.parse("2026-11-19T00:00:00Z/2026-11-21T00:00:00Z");
  private static final List<Measure> MEASURES = List.of(
      Measure.rows(null), Measure.sum("bytes"), Measure.distinct("service")
  );
  private static final Granularity DAY = Granularity.parse("P1D");
  private static final Granularity HOUR = Granularity.parse("PT1H");

  private static InMemoryEvents legacyAnd(TimeInterval droppedFromTarget)
  {
    return new InMemoryEvents().add("legacy", START, Duration.ofMinutes(1), 2 * 24 * 60)
                               .copy("legacy", "kafka", droppedFromTarget);
  }

  private static ParityReport check(InMemoryEvents events, Map<String, Double> tolerances)
  {
    return new ParityCheck(events, "legacy", "kafka", MEASURES, tolerances).run(TWO_DAYS, DAY, HOUR);
  }

  @Test
  void identicalDatasourcesMatchWithoutBisecting()
  {
    final InMemoryEvents events = legacyAnd(null);
    final ParityReport report = check(events, Map.of());

    assertThat(report.match()).isTrue();
    assertThat(report.comparisons()).hasSize(2 * MEASURES.size()).allMatch(Comparison::ok);
    assertThat(events.queries()).hasSize(2);
  }

  @Test
  void aMissingHourIsBisectedToExactlyThatHour()
  {
    final TimeInterval dropped = TimeInterval.parse("2026-11-20T05:00:00Z/2026-11-20T06:00:00Z");
    final ParityReport report = check(legacyAnd(dropped), Map.of());

    assertThat(report.match()).isFalse();
    assertThat(report.mismatches()).containsExactly(dropped);
    assertThat(report.comparisons()).filteredOn(row -> row.depth() == 0 && !row.ok())
                                    .extracting(row -> row.bucket().toString())
                                    .containsOnly("2026-11-20T00:00:00Z/2026-11-21T00:00:00Z");
  }

  @Test
  void aMissingHourShowsAsSixtyEventsLess()
  {
    final TimeInterval dropped = TimeInterval.parse("2026-11-19T23:00:00Z/2026-11-20T00:00:00Z");
    final Comparison rows = check(legacyAnd(dropped), Map.of()).comparisons().stream()
        .filter(row -> row.depth() == 1 && row.measure().startsWith("rows") && !row.ok())
        .findFirst().orElseThrow();

    assertThat(rows.source()).isEqualTo(60);
    assertThat(rows.target()).isZero();
    assertThat(rows.diff()).isEqualTo(-60);
  }

  @Test
  void aDifferenceWithinTheToleranceIsOk()
  {
    final InMemoryEvents events = legacyAnd(null).change("kafka", START.plusSeconds(600), 110);

    assertThat(check(events, Map.of()).match()).isFalse();
    assertThat(check(events, Map.of("bytes", 0.001)).match()).isTrue();
  }

  @Test
  void aBucketOnlyInTheTargetIsAMismatch()
  {
    final InMemoryEvents events = legacyAnd(null).add("kafka", Instant.parse("2026-11-20T23:59:59Z"), Duration.ZERO, 1);

    assertThat(check(events, Map.of()).mismatches())
        .containsExactly(TimeInterval.parse("2026-11-20T23:00:00Z/2026-11-21T00:00:00Z"));
  }

  @Test
  void bucketsAreClippedToTheInterval()
  {
    final InMemoryEvents events = legacyAnd(null);
    final TimeInterval partial = TimeInterval.parse("2026-11-19T12:00:00Z/2026-11-20T06:00:00Z");
    final ParityReport report = new ParityCheck(events, "legacy", "kafka", MEASURES, Map.of()).run(partial, DAY, HOUR);

    assertThat(report.comparisons()).extracting(row -> row.bucket().toString()).containsOnly(
        "2026-11-19T12:00:00Z/2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z/2026-11-20T06:00:00Z"
    );
  }

  @Test
  void withTheFinestEqualToTheGranularityTheBucketItselfIsReported()
  {
    final TimeInterval dropped = TimeInterval.parse("2026-11-20T05:00:00Z/2026-11-20T06:00:00Z");
    final ParityReport report = new ParityCheck(legacyAnd(dropped), "legacy", "kafka", MEASURES, Map.of())
        .run(TWO_DAYS, DAY, DAY);

    assertThat(report.mismatches()).containsExactly(TimeInterval.parse("2026-11-20T00:00:00Z/2026-11-21T00:00:00Z"));
  }

  @Test
  void aFinestCoarserThanTheGranularityIsRefused()
  {
    assertThatThrownBy(() -> new ParityCheck(legacyAnd(null), "legacy", "kafka", MEASURES, Map.of())
        .run(TWO_DAYS, HOUR, DAY)).hasMessageContaining("--finest");
  }

  @Test
  void theTableNamesTheMismatchAndTheJsonListsIt()
  {
    final TimeInterval dropped = TimeInterval.parse("2026-11-20T05:00:00Z/2026-11-20T06:00:00Z");
    final ParityReport report = check(legacyAnd(dropped), Map.of());

    assertThat(report.table()).contains("MISMATCH in 1 interval(s), bisected to PT1H:")
                              .contains("  " + dropped)
                              .containsPattern("  PT1H +2026-11-20T05:00:00Z/2026-11-20T06:00:00Z +rows \\(COUNT\\(\\*\\)\\) +60 +0 +-60 +MISMATCH");
    assertThat(report.toJson().path("match").asBoolean(true)).isFalse();
    assertThat(report.toJson().path("mismatches").get(0).asText()).isEqualTo(dropped.toString());
  }
}
