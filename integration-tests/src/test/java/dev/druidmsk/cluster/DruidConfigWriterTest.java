package dev.druidmsk.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DruidConfigWriterTest
{
  @Test
  void consumerSystemPropertiesGoToAnOwnerOnlyArgumentFile(@TempDir Path run) throws Exception
  {
    final DruidClusterConfig config = DruidClusterConfig.builder(run.resolve("home"), run)
                                                        .consumerSystemProperty("aws.secretAccessKey", "s3cret")
                                                        .build();
    final DruidConfigWriter writer = new DruidConfigWriter(config, ports());

    writer.writeAll();

    assertThat(Files.readString(writer.consumerArguments())).isEqualTo("\"-Daws.secretAccessKey=s3cret\"\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(writer.consumerArguments())))
        .isEqualTo("rw-------");
  }

  @Test
  void eachServiceGetsItsPortAndServiceName(@TempDir Path run) throws Exception
  {
    final DruidClusterConfig config = DruidClusterConfig.builder(run.resolve("home"), run).build();

    new DruidConfigWriter(config, ports()).writeAll();

    assertThat(Files.readString(run.resolve("conf/broker/runtime.properties")))
        .contains("druid.service=druid/broker\n")
        .contains("druid.plaintextPort=8002\n");
    assertThat(Files.readString(run.resolve("conf/zk/zoo.cfg"))).contains("clientPort=2100\n");
  }

  @Test
  void aRuntimePropertyAskedForReachesOnlyItsServiceOverTheHarnesssOwn(@TempDir Path run) throws Exception
  {
    final DruidClusterConfig config = DruidClusterConfig.builder(run.resolve("home"), run)
        .runtimeProperty(DruidService.INDEXER, "druid.segment.handoff.pollDuration", "PT1S")
        .runtimeProperty(DruidService.INDEXER, "druid.worker.capacity", "9")
        .build();

    new DruidConfigWriter(config, ports()).writeAll();

    assertThat(Files.readString(run.resolve("conf/indexer/runtime.properties")))
        .contains("druid.segment.handoff.pollDuration=PT1S\n")
        .contains("druid.worker.capacity=9\n")
        .doesNotContain("druid.worker.capacity=4");
    assertThat(Files.readString(run.resolve("conf/broker/runtime.properties")))
        .doesNotContain("druid.segment.handoff");
  }

  @Test
  void theBrokerKeepsDruidsSegmentMetadataRefreshUnlessAsked(@TempDir Path run) throws Exception
  {
    new DruidConfigWriter(DruidClusterConfig.builder(run.resolve("home"), run).build(), ports()).writeAll();

    assertThat(Files.readString(run.resolve("conf/broker/runtime.properties"))).doesNotContain("metadataRefreshPeriod");
  }

  /** A start that lost a port begins afresh: nothing the failed services kept may reach the next attempt. */
  @Test
  void discardingStateEmptiesVarAndKeepsTheConfiguration(@TempDir Path run) throws Exception
  {
    final DruidClusterConfig config = DruidClusterConfig.builder(run.resolve("home"), run).build();
    final DruidConfigWriter writer = new DruidConfigWriter(config, ports());
    writer.writeAll();
    Files.writeString(Files.createDirectories(writer.var().resolve("zk/version-2")).resolve("snapshot.0"), "stale");

    writer.discardState();

    assertThat(writer.var()).doesNotExist();
    assertThat(run.resolve("conf/broker/runtime.properties")).exists();
  }

  private static DruidConfigWriter.Ports ports()
  {
    return new DruidConfigWriter.Ports(2100, 1600, Map.of(
        DruidService.COORDINATOR, 8001,
        DruidService.BROKER, 8002,
        DruidService.HISTORICAL, 8003,
        DruidService.INDEXER, 8004
    ));
  }
}
