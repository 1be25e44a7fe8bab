package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * A short emulator-only suite first, so that the doctor's suite, whose launcher and probe JVMs keep both cores busy,
 * does not run while the other lanes start their Druid clusters; then the doctor's suite, then the Overlord restart
 * suite, whose cluster starts once the other lanes' clusters run. DoctorIT's tests
 * run concurrently, the class does not: as a concurrent class it ran beside the next suite, sharing the JVM's system
 * properties, and its base credentials reached that suite's failsafe report.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.provider.SharedCacheStsFaultsIT",
    "dev.druidmsk.doctor.DoctorIT",
    "dev.druidmsk.e2e.ProductionRolloutIT"
})
class DoctorLane
{
}
