package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The cluster fault suite, the Overlord without the bundle, the credential cache's in-JVM scale suite, and the opt-in
 * benchmark, which skips itself unless asked for.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionClusterFaultsIT",
    "dev.druidmsk.e2e.BundleMissingE2EIT",
    "dev.druidmsk.scale.SharedCredentialCacheIT",
    "dev.druidmsk.scale.IngestionBenchmarkIT"
})
class ClusterLane
{
}
