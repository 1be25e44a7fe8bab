package dev.druidmsk.lanes;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The STS fault suite, the longest, then two emulator-only suites: the credential cache's in-JVM scale suite and the
 * short-session re-authentication suite. With the shared credentials' Druid suite second, this lane ended last in five
 * of seven full runs (2026-12-05: 622 to 769 s); that suite now ends the cluster lane, which ended first or second.
 * Once the STS outage started 10 s into its stream (2026-12-06), this lane ended first (522 s, the doctor lane 591):
 * the re-authentication suite (about 50 s) came here from the doctor lane.
 */
@Suite
@SelectClasses(names = {
    "dev.druidmsk.faults.IngestionStsFaultsIT",
    "dev.druidmsk.scale.SharedCredentialCacheIT",
    "dev.druidmsk.provider.ShortSessionReauthenticationIT"
})
class StsLane
{
}
