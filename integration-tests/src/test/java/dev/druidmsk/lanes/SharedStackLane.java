package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * Every suite of the {@code SharedCluster} stack, so that it starts once, after a short suite without Druid: the
 * stack then starts once the other lanes' clusters are up (three starting at once took 174 s, against about 65 s).
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.provider.ShortSessionReauthenticationIT",
    "dev.druidmsk.e2e.MskIngestionE2EIT",
    "dev.druidmsk.migration.KinesisMigrationE2EIT",
    "dev.druidmsk.policy.ReaderPolicyNecessityIT"
})
class SharedStackLane
{
}
