package dev.druidmsk.cli.migrate;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CutoffTest
{
  @Test
  void aCutoffInsideASegmentMovesForwardToItsEndAndSaysWhy()
  {
    final Cutoff cutoff = Cutoff.snap(Instant.parse("2026-11-20T10:17:00Z"), Granularity.parse("HOUR"));

    assertThat(cutoff.moved()).isTrue();
    assertThat(cutoff.effective()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    assertThat(cutoff.explanation())
        .contains("moved from 2026-11-20T10:17:00Z to 2026-11-20T11:00:00Z")
        .contains("segment granularity is PT1H");
  }

  @Test
  void aCutoffOnABoundaryIsKept()
  {
    final Cutoff cutoff = Cutoff.snap(Instant.parse("2026-11-20T00:00:00Z"), Granularity.parse("DAY"));

    assertThat(cutoff.moved()).isFalse();
    assertThat(cutoff.effective()).isEqualTo(cutoff.requested());
    assertThat(cutoff.explanation()).contains("kept");
  }

  @Test
  void theSameCutoffMovesFurtherForCoarserSegments()
  {
    final Instant requested = Instant.parse("2026-11-20T10:17:00Z");
    assertThat(Cutoff.snap(requested, Granularity.parse("DAY")).effective()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    assertThat(Cutoff.snap(requested, Granularity.parse("PT15M")).effective()).isEqualTo(Instant.parse("2026-11-20T10:30:00Z"));
  }
}
