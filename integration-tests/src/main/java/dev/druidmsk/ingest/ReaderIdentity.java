package dev.druidmsk.ingest;

import dev.druidmsk.localmsk.sts.BaseUser;

/**
 * Who reads: the base user the Druid nodes run as, and the role it assumes in the MSK cluster's account with an
 * external ID, as in a cross-account setup.
 */
public record ReaderIdentity(BaseUser nodeUser, String roleArn, String externalId)
{
}
