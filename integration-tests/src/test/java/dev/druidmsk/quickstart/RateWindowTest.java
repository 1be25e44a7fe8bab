package dev.druidmsk.quickstart;

import dev.druidmsk.telemetry.ProducedTotals;
import dev.druidmsk.telemetry.SteadyTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateWindowTest
{
  private static final Duration SETTLE = LiveApiView.SETTLE;
  private static final Instant TRAFFIC_START = Instant.parse("2026-12-04T16:45:23.400Z");

  /**
   * The quickstart's loop, refresh by refresh with irregular gaps: at every refresh the window's requests, as the
   * producer counted them per minute bucket (what Druid's per-minute rollup holds), over the window's seconds are
   * the rate the producer was asked for, wherever in a minute the traffic started.
   */
  @ParameterizedTest
  @ValueSource(strings = {"2026-12-04T16:45:23.400Z", "2026-12-04T16:45:55Z", "2026-12-04T16:45:00Z"})
  void everyWindowsRateIsTheProducedRate(String start)
  {
    final Instant trafficStart = Instant.parse(start);
    final int rate = 200;
    final SplittableRandom random = new SplittableRandom(20);
    final SteadyTraffic traffic = new SteadyTraffic(1, trafficStart, rate);
    final ProducedTotals produced = new ProducedTotals();
    int windows = 0;
    for (Instant now = trafficStart; now.isBefore(trafficStart.plus(Duration.ofMinutes(6)));
         now = now.plusMillis(5_000 + random.nextInt(3_000))) {
      traffic.due(now).forEach(produced::add);
      final Optional<RateWindow> window = RateWindow.lastCompleteMinute(now, trafficStart, SETTLE);
      if (window.isPresent()) {
        windows++;
        final long requests = produced.requestsInMinutes(window.get().firstBucket(), window.get().to());
        assertThat(window.get().perSecond(requests)).as("rate over %s", window.get().describe())
                                                    .isCloseTo(rate, within(rate * 0.01));
      }
    }
    assertThat(windows).isGreaterThan(40);
  }

  @Test
  void aShortFirstPartOfAMinuteIsCountedWithTheMinuteAfterIt()
  {
    final Instant lateStart = Instant.parse("2026-12-04T16:45:55Z");

    assertThat(RateWindow.lastCompleteMinute(Instant.parse("2026-12-04T16:46:20Z"), lateStart, SETTLE)).isEmpty();
    assertThat(RateWindow.first(lateStart, SETTLE)).isEqualTo(Instant.parse("2026-12-04T16:47:15Z"));
    final RateWindow window = RateWindow.lastCompleteMinute(Instant.parse("2026-12-04T16:47:20Z"), lateStart, SETTLE)
                                        .orElseThrow();
    assertThat(window.firstBucket()).isEqualTo(Instant.parse("2026-12-04T16:45:00Z"));
    assertThat(window.describe()).isEqualTo("16:45:55-16:47:00 UTC (65 s, since the traffic started)");
  }

  @Test
  void theMinuteTheTrafficStartedInCountsOnlyTheSecondsSinceItStarted()
  {
    final RateWindow window = RateWindow.lastCompleteMinute(
        Instant.parse("2026-12-04T16:46:20Z"), TRAFFIC_START, SETTLE
    ).orElseThrow();

    assertThat(window.firstBucket()).isEqualTo(Instant.parse("2026-12-04T16:45:00Z"));
    assertThat(window.seconds()).isCloseTo(36.6, within(1e-9));
    assertThat(window.describe()).isEqualTo("16:45:23-16:46:00 UTC (37 s, since the traffic started)");
  }

  @Test
  void aLaterWindowIsTheLastWholeMinuteThatEndedAtLeastTheSettleTimeAgo()
  {
    final RateWindow window = RateWindow.lastCompleteMinute(
        Instant.parse("2026-12-04T16:48:14Z"), TRAFFIC_START, SETTLE
    ).orElseThrow();

    assertThat(window).isEqualTo(new RateWindow(
        Instant.parse("2026-12-04T16:46:00Z"), Instant.parse("2026-12-04T16:47:00Z")
    ));
    assertThat(window.seconds()).isEqualTo(60);
    assertThat(window.describe()).isEqualTo("16:46:00-16:47:00 UTC");
  }

  @Test
  void thereIsNoWindowUntilTheMinuteTheTrafficStartedInHasSettled()
  {
    final Instant first = RateWindow.first(TRAFFIC_START, SETTLE);

    assertThat(first).isEqualTo(Instant.parse("2026-12-04T16:46:15Z"));
    assertThat(RateWindow.lastCompleteMinute(first.minusMillis(1), TRAFFIC_START, SETTLE)).isEmpty();
    assertThat(RateWindow.lastCompleteMinute(first, TRAFFIC_START, SETTLE)).isPresent();
  }
}
