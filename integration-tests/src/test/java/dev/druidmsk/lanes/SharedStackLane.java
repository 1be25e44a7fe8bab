package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * Every suite of the {@code SharedCluster} stack, so that it starts once: the longest lane (851 s in the second full
 * run of 2026-12-05, the others 723 and 695 s), so the short emulator-only suites run at the ends of the others.
 * (Starting the shared stack later, after a short suite, made it slower: 235 s against 174 s.)
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.e2e.MskIngestionE2EIT",
    "dev.druidmsk.migration.KinesisMigrationE2EIT",
    "dev.druidmsk.policy.ReaderPolicyNecessityIT"
})
class SharedStackLane
{
}
