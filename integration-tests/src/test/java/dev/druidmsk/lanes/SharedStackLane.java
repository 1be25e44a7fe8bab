package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * Every suite of the {@code SharedCluster} stack, so that it starts once, then two short suites with stacks of their
 * own. (Starting the shared stack later, after a short suite, made it slower: 235 s against 174 s.)
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.e2e.MskIngestionE2EIT",
    "dev.druidmsk.migration.KinesisMigrationE2EIT",
    "dev.druidmsk.policy.ReaderPolicyNecessityIT",
    "dev.druidmsk.provider.SharedCacheStsFaultsIT",
    "dev.druidmsk.provider.ShortSessionReauthenticationIT"
})
class SharedStackLane
{
}
