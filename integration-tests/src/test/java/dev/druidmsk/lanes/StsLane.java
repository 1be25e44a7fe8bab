package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/** The STS fault suite, the longest, then the credential cache's scale suites and a short emulator-only suite. */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionStsFaultsIT",
    "dev.druidmsk.scale.DruidSharedCredentialsIT",
    "dev.druidmsk.scale.SharedCredentialCacheIT",
    "dev.druidmsk.provider.ShortSessionReauthenticationIT"
})
class StsLane
{
}
