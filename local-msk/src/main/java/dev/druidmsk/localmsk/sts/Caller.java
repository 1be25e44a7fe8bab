package dev.druidmsk.localmsk.sts;

/** Who signed an STS request: a base user, or a session the local STS issued. */
record Caller(String arn, String userId, String account)
{
}
