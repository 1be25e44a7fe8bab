package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/** The STS fault suite, the longest, then the shared credentials' suite on a Druid cluster. */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionStsFaultsIT",
    "dev.druidmsk.scale.DruidSharedCredentialsIT"
})
class StsLane
{
}
