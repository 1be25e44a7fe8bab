package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The cluster fault suite, the Overlord without the bundle, the shared credentials' suite on a cluster of its own
 * (started once the lanes' first clusters run), and the opt-in benchmark, which skips itself unless asked for.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionClusterFaultsIT",
    "dev.druidmsk.e2e.BundleMissingE2EIT",
    "dev.druidmsk.scale.DruidSharedCredentialsIT",
    "dev.druidmsk.scale.IngestionBenchmarkIT"
})
class ClusterLane
{
}
