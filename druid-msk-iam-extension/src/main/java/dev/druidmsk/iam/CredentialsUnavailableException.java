package dev.druidmsk.iam;

/**
 * The shared cache holds no credentials MSK would accept and could not fetch new ones in time; the message names
 * the role, the remaining lifetime, STS's last error and the fix, and never a secret.
 */
public final class CredentialsUnavailableException extends IllegalStateException
{
  CredentialsUnavailableException(String message, Throwable cause)
  {
    super(message, cause);
  }
}
