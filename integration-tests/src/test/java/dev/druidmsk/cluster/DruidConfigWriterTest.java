package dev.druidmsk.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
  void theBrokerKeepsDruidsSegmentMetadataRefreshUnlessTheClusterAsksForAnother(@TempDir Path run) throws Exception
  {
    final Path defaults = Files.createDirectories(run.resolve("defaults"));
    final Path asked = Files.createDirectories(run.resolve("asked"));

    new DruidConfigWriter(DruidClusterConfig.builder(run.resolve("home"), defaults).build(), ports()).writeAll();
    new DruidConfigWriter(
        DruidClusterConfig.builder(run.resolve("home"), asked).segmentMetadataRefresh(Duration.ofSeconds(5)).build(),
        ports()
    ).writeAll();

    assertThat(Files.readString(defaults.resolve("conf/broker/runtime.properties")))
        .doesNotContain("metadataRefreshPeriod");
    assertThat(Files.readString(asked.resolve("conf/broker/runtime.properties")))
        .contains("druid.sql.planner.metadataRefreshPeriod=PT5S\n");
  }

  @Test
  void theIndexerKeepsDruidsHandoffPollUnlessTheClusterAsksForAnother(@TempDir Path run) throws Exception
  {
    final Path defaults = Files.createDirectories(run.resolve("defaults"));
    final Path asked = Files.createDirectories(run.resolve("asked"));

    new DruidConfigWriter(DruidClusterConfig.builder(run.resolve("home"), defaults).build(), ports()).writeAll();
    new DruidConfigWriter(
        DruidClusterConfig.builder(run.resolve("home"), asked).handoffPoll(Duration.ofSeconds(1)).build(),
        ports()
    ).writeAll();

    assertThat(Files.readString(defaults.resolve("conf/indexer/runtime.properties")))
        .doesNotContain("druid.segment.handoff");
    assertThat(Files.readString(asked.resolve("conf/indexer/runtime.properties")))
        .contains("druid.segment.handoff.pollDuration=PT1S\n");
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
