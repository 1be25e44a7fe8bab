package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The doctor's suite alone in its JVM: its tests run concurrently (an emulator, no Druid cluster), and in a lane with
 * other suites it ran beside them, sharing the JVM's system properties, so that its base credentials were set while
 * theirs ended and reached their failsafe reports.
 */
@Suite
@SelectClasses(names = "dev.druidmsk.doctor.DoctorIT")
class DoctorLane
{
}
