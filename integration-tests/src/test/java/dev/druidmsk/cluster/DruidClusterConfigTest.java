package dev.druidmsk.cluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DruidClusterConfigTest
{
  @Test
  void aServiceVariableOverridesTheCommonOneForThatServiceOnly()
  {
    final DruidClusterConfig config = DruidClusterConfig.builder(Path.of("home"), Path.of("run"))
                                                        .environment("HOSTNAME", "cluster")
                                                        .environment(DruidService.INDEXER, "HOSTNAME", "indexer")
                                                        .build();

    assertThat(config.environment(DruidService.INDEXER)).containsEntry("HOSTNAME", "indexer")
                                                         .containsEntry("AWS_EC2_METADATA_DISABLED", "true");
    assertThat(config.environment(DruidService.COORDINATOR)).containsEntry("HOSTNAME", "cluster");
  }
}
