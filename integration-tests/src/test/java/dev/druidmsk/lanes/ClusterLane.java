package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The suites that kill or restart a service; then the doctor's suite, whose tests run concurrently (no Druid cluster)
 * beside the short suites after it, late, when the fault windows leave CPU idle (first, it ran while three clusters
 * started, 258 s); and the opt-in benchmark, which skips itself unless asked for.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionClusterFaultsIT",
    "dev.druidmsk.e2e.ProductionRolloutIT",
    "dev.druidmsk.doctor.DoctorIT",
    "dev.druidmsk.e2e.BundleMissingE2EIT",
    "dev.druidmsk.provider.SharedCacheStsFaultsIT",
    "dev.druidmsk.scale.IngestionBenchmarkIT"
})
class ClusterLane
{
}
