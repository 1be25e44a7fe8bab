package dev.druidmsk.localmsk.iam;

import java.time.Instant;

/** The {@code <date>/<region>/<service>/aws4_request} part of a SigV4 credential. */
public record CredentialScope(String date, String region, String service)
{
  static final String TERMINATOR = "aws4_request";

  public static CredentialScope of(final Instant time, final String region, final String service)
  {
    return new CredentialScope(SigV4.AMZ_DATE.format(time).substring(0, 8), region, service);
  }

  @Override
  public String toString()
  {
    return date + '/' + region + '/' + service + '/' + TERMINATOR;
  }
}
