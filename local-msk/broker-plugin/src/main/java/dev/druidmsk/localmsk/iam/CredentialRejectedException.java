package dev.druidmsk.localmsk.iam;

/** An access key or session token that the local STS did not issue, or that has expired. */
public class CredentialRejectedException extends Exception
{
  private final boolean expired;

  CredentialRejectedException(final String message, final boolean expired)
  {
    super(message);
    this.expired = expired;
  }

  public boolean isExpired()
  {
    return expired;
  }
}
