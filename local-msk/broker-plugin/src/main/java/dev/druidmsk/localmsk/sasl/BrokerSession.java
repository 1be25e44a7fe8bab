package dev.druidmsk.localmsk.sasl;

import java.time.Instant;

/**
 * An authenticated connection's session: the IAM principal (assumed-role session or IAM user ARN) and when the
 * session ends, the earlier of the credentials' expiry and the signature's validity, as on MSK.
 */
record BrokerSession(String principalArn, Instant end)
{
}
