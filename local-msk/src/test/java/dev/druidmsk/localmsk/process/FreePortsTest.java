package dev.druidmsk.localmsk.process;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest
{
  /** The kernel picks probe ports at random: 500 probes of ~28,000 ephemeral ports repeat one several times. */
  @Test
  void noPortIsHandedOutTwiceInOneJvm()
  {
    final List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ports.add(FreePorts.resolve(0));
    }
    ports.add(FreePorts.resolveOnAll(List.of("127.0.0.1")));

    assertThat(new HashSet<>(ports)).hasSameSizeAs(ports);
  }

  @Test
  void aConfiguredPortIsKept()
  {
    assertThat(FreePorts.resolve(9098)).isEqualTo(9098);
  }
}
