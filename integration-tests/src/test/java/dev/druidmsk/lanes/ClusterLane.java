package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The suites that kill or restart a service, a short emulator-only suite, and the opt-in benchmark, which skips itself
 * unless asked for.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionClusterFaultsIT",
    "dev.druidmsk.e2e.ProductionRolloutIT",
    "dev.druidmsk.e2e.BundleMissingE2EIT",
    "dev.druidmsk.provider.SharedCacheStsFaultsIT",
    "dev.druidmsk.scale.IngestionBenchmarkIT"
})
class ClusterLane
{
}
