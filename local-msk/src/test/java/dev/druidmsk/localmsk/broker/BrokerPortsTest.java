package dev.druidmsk.localmsk.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerPortsTest
{
  @TempDir
  Path dir;

  @Test
  void aConfiguredPortInUseIsRefusedNamingTheSettingBeforeAnyJvmStarts() throws Exception
  {
    try (ServerSocket taker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final BrokerConfig config = BrokerConfig.builder(dir, dir.resolve("key")).internalPort(taker.getLocalPort()).build();

      assertThatThrownBy(() -> BrokerPorts.resolve(config))
          .isInstanceOf(PortTakenException.class)
          .hasMessageContaining("internalPort " + taker.getLocalPort() + " is in use on 127.0.0.1 by another process")
          .hasMessageContaining("configure another port, or 0 to have a free one chosen");
    }
  }

  @Test
  void aFreeConfiguredPortIsKeptAndTheOthersAreChosen() throws Exception
  {
    final int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }

    final BrokerConfig config = BrokerConfig.builder(dir, dir.resolve("key")).internalPort(free).build();

    final BrokerPorts ports = BrokerPorts.resolve(config);

    assertThat(ports.internal()).isEqualTo(free);
    assertThat(ports.choseFree(ports.internal(), config)).isFalse();
    assertThat(ports.choseFree(ports.saslPlaintext(), config)).isTrue();
  }
}
