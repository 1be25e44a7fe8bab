package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * Every suite of the {@code SharedCluster} stack, so that it starts once: the longest lane (776 s in the full run of
 * 2026-12-05 13:17, the others 754, 730 and 661 s), so the other lanes take the short suites.
 * (Starting the shared stack later, after a short suite, made it slower: 235 s against 174 s.)
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.e2e.MskIngestionE2EIT",
    "dev.druidmsk.e2e.PrivateLinkDoctorE2EIT",
    "dev.druidmsk.migration.KinesisMigrationE2EIT",
    "dev.druidmsk.policy.ReaderPolicyNecessityIT"
})
class SharedStackLane
{
}
