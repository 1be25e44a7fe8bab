package dev.druidmsk.quickstart;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuickstartOptionsTest
{
  @Test
  void defaultsToTwoHundredEventsPerSecondUntilStopped()
  {
    final QuickstartOptions options = QuickstartOptions.parse(new String[]{"--repository", "r", "--work-dir", "w"});

    assertThat(options.eventsPerSecond()).isEqualTo(200);
    assertThat(options.minutes()).isZero();
    assertThat(options.repository()).isEqualTo(Path.of("r").toAbsolutePath());
  }

  @Test
  void helpPrintsTheUsageAndStartsNothing()
  {
    assertThat(QuickstartOptions.parse(new String[]{"--help"})).isNull();
  }

  @Test
  void anUnknownOptionIsRefusedWithTheUsage()
  {
    assertThatThrownBy(() -> QuickstartOptions.parse(new String[]{"--rates", "5"}))
        .hasMessageContaining("Unknown option --rates")
        .hasMessageContaining("Usage: Quickstart");
  }

  @Test
  void aRateMustBePositive()
  {
    assertThatThrownBy(() -> QuickstartOptions.parse(new String[]{"--repository", "r", "--work-dir", "w", "--rate", "0"}))
        .hasMessageContaining("--rate must be positive, got 0");
  }

  @Test
  void anOptionWithoutItsValueSaysWhichOne()
  {
    assertThatThrownBy(() -> QuickstartOptions.parse(new String[]{"--repository"}))
        .hasMessageContaining("--repository needs a value");
  }

  @Test
  void theRepositoryAndWorkDirAreRequired()
  {
    assertThatThrownBy(() -> QuickstartOptions.parse(new String[]{"--rate", "5"}))
        .hasMessageContaining("--repository and --work-dir are required");
  }
}
