package dev.druidmsk.localmsk.iam;

import java.util.Optional;

/** A SigV4 credential, {@code <access key id>/<date>/<region>/<service>/aws4_request}. */
public record SigningCredential(String accessKeyId, CredentialScope scope)
{
  /** Empty when the value does not have the five parts of a SigV4 credential. */
  public static Optional<SigningCredential> parse(final String credential)
  {
    final String[] parts = credential.split("/", -1);
    if (parts.length != 5 || !CredentialScope.TERMINATOR.equals(parts[4])) {
      return Optional.empty();
    }
    for (String part : parts) {
      if (part.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(new SigningCredential(parts[0], new CredentialScope(parts[1], parts[2], parts[3])));
  }

  @Override
  public String toString()
  {
    return accessKeyId + '/' + scope;
  }
}
