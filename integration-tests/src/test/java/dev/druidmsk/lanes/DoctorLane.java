package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The doctor's suite, then a short emulator-only suite, then the Overlord restart suite, whose cluster starts once the
 * other lanes' clusters run. DoctorIT's tests run concurrently, the class does not: as a concurrent class it ran
 * beside the next suite, sharing the JVM's system properties, and its base credentials reached that suite's failsafe
 * report.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.doctor.DoctorIT",
    "dev.druidmsk.provider.SharedCacheStsFaultsIT",
    "dev.druidmsk.e2e.ProductionRolloutIT"
})
class DoctorLane
{
}
