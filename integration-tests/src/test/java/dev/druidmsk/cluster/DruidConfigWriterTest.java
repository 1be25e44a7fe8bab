package dev.druidmsk.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

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
    final Written broker = writtenFor(run, "broker", cluster -> cluster.segmentMetadataRefresh(Duration.ofSeconds(5)));

    assertThat(broker.byDefault).doesNotContain("metadataRefreshPeriod");
    assertThat(broker.asked).contains("druid.sql.planner.metadataRefreshPeriod=PT5S\n");
  }

  @Test
  void theIndexerKeepsDruidsHandoffPollUnlessTheClusterAsksForAnother(@TempDir Path run) throws Exception
  {
    final Written indexer = writtenFor(run, "indexer", cluster -> cluster.handoffPoll(Duration.ofSeconds(1)));

    assertThat(indexer.byDefault).doesNotContain("druid.segment.handoff");
    assertThat(indexer.asked).contains("druid.segment.handoff.pollDuration=PT1S\n");
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

  /** A service's runtime.properties as written for a default cluster and for one asked for something. */
  private record Written(String byDefault, String asked)
  {
  }

  private static Written writtenFor(Path run, String service, UnaryOperator<DruidClusterConfig.Builder> ask)
      throws IOException
  {
    final Path byDefault = Files.createDirectories(run.resolve("default"));
    final Path asked = Files.createDirectories(run.resolve("asked"));
    new DruidConfigWriter(DruidClusterConfig.builder(run.resolve("home"), byDefault).build(), ports()).writeAll();
    new DruidConfigWriter(ask.apply(DruidClusterConfig.builder(run.resolve("home"), asked)).build(), ports()).writeAll();
    final String properties = "conf/" + service + "/runtime.properties";
    return new Written(Files.readString(byDefault.resolve(properties)), Files.readString(asked.resolve(properties)));
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
