package dev.druidmsk.localmsk.sts;

/** An STS error response: HTTP status, AWS error code and message, as AWS shapes them. */
final class StsFault extends Exception
{
  private final int status;
  private final String code;

  StsFault(final int status, final String code, final String message)
  {
    super(message);
    this.status = status;
    this.code = code;
  }

  static StsFault validation(final String message)
  {
    return new StsFault(400, "ValidationError", message);
  }

  static StsFault signatureDoesNotMatch(final String message)
  {
    return new StsFault(403, "SignatureDoesNotMatch", message);
  }

  int status()
  {
    return status;
  }

  String code()
  {
    return code;
  }
}
