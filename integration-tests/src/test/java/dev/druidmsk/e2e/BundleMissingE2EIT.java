package dev.druidmsk.e2e;

import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.ingest.DruidMskCommand;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node without the druid-msk bundle (a stock Druid home, overlord only): what druid-msk tells the operator, and
 * how Druid itself fails when the spec reaches it anyway.
 */
class BundleMissingE2EIT
{
  private static final String DATA_SOURCE = "api_requests_no_bundle";

  private static E2eCluster stack;
  private static Path spec;

  @BeforeAll
  static void startOverlordWithoutBundle() throws Exception
  {
    stack = E2eCluster.start(BundleMissingE2EIT.class, false, cluster -> cluster.only());
    stack.stack().createTopic(DATA_SOURCE, 1);
    spec = stack.stack().renderTelemetrySpec(DATA_SOURCE, DATA_SOURCE, TestStacks.EXTERNAL_ID);
  }

  @AfterAll
  static void stop() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void validationAgainstTheNodesHomeSaysTheBundleIsMissingAndHowToInstallIt() throws Exception
  {
    final DruidMskCommand.Result validate = stack.stack().druidMsk("spec", "validate", "--spec", spec.toString());

    assertThat(validate.exitCode()).as("%s", validate).isEqualTo(1);
    assertThat(validate.stdout() + validate.stderr())
        .contains("druid.dynamic.config.provider")
        .contains("bundle is not installed")
        .contains("extensions/druid-kafka-indexing-service")
        .contains("bootstrap");
  }

  @Test
  void druidAcceptsTheSpecThenItsSupervisorFailsOnANullMapFarFromTheCause() throws Exception
  {
    // Documents Druid 33: the unknown provider type silently becomes a mapString provider with no map.
    stack.overlord().submit(E2eCluster.JSON.readTree(spec.toFile()));

    E2eCluster.await("the supervisor to report the mapString failure", Duration.ofMinutes(3), () -> stack
        .overlordGet(DruidEndpoints.supervisorStatus(DATA_SOURCE))
        .toString()
        .contains("\\\"map\\\" is null"));
  }
}
