package dev.druidmsk.probe;

import com.fasterxml.jackson.databind.JsonMappingException;

/** What a probe reports of a failure: the innermost cause, the part that names what is wrong. */
public final class RootCause
{
  private RootCause()
  {
  }

  /** {@code Type: message} of the innermost cause, without Jackson's source location. */
  public static String message(Throwable e)
  {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    final String message = cause instanceof JsonMappingException
                           ? ((JsonMappingException) cause).getOriginalMessage()
                           : cause.getMessage();
    return cause.getClass().getSimpleName() + ": " + message;
  }
}
