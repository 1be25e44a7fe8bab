package dev.druidmsk.cluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DruidClusterClientsTest
{
  /** Suites and the quickstart poll SQL every 100 ms for minutes; a client per call ran a JVM out of descriptors. */
  @Test
  void pollingAServiceAThousandTimesOpensNoNewFileDescriptors() throws IOException
  {
    final DruidCluster cluster = new DruidCluster(
        DruidClusterConfig.builder(Path.of("home"), Path.of("run")).build(), line -> { }
    );
    cluster.client(DruidService.BROKER);
    final long before = openFileDescriptors();

    for (int i = 0; i < 1_000; i++) {
      cluster.client(DruidService.BROKER);
    }

    assertThat(openFileDescriptors() - before).isLessThan(10);
  }

  private static long openFileDescriptors() throws IOException
  {
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      return descriptors.count();
    }
  }
}
