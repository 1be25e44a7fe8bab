package dev.druidmsk.localmsk.sasl;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NewConnectionRateTest
{
  private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void admitsUpToTheRateWithinOneSecondAndRefusesTheNext()
  {
    final NewConnectionRate rate = new NewConnectionRate(3);

    assertThat(rate.admit(T0)).isTrue();
    assertThat(rate.admit(T0.plusMillis(100))).isTrue();
    assertThat(rate.admit(T0.plusMillis(200))).isTrue();
    assertThat(rate.admit(T0.plusMillis(300))).isFalse();
  }

  @Test
  void admitsAgainOnceTheWindowHasPassed()
  {
    final NewConnectionRate rate = new NewConnectionRate(1);
    rate.admit(T0);

    assertThat(rate.admit(T0.plusMillis(1_001))).isTrue();
  }

  @Test
  void refusedAttemptsCountAsConnectionsMade()
  {
    final NewConnectionRate rate = new NewConnectionRate(1);
    rate.admit(T0);
    rate.admit(T0.plusMillis(600));

    assertThat(rate.admit(T0.plusMillis(1_100))).isFalse();
  }

  @Test
  void zeroMeansNoLimit()
  {
    final NewConnectionRate rate = new NewConnectionRate(0);
    for (int i = 0; i < 1_000; i++) {
      assertThat(rate.admit(T0)).isTrue();
    }
  }
}
