package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The STS fault suite, the longest, then the credential cache's in-JVM scale suite (emulator only). With the shared
 * credentials' Druid suite second, this lane ended last in five of seven full runs (2026-12-05: 622 to 769 s); that
 * suite now ends the cluster lane, which ended first or second.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionStsFaultsIT",
    "dev.druidmsk.scale.SharedCredentialCacheIT"
})
class StsLane
{
}
