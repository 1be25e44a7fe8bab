package dev.druidmsk.templates.validation;

/**
 * One finding of {@link SpecValidator}.
 *
 * @param jsonPath where in the spec, e.g. {@code $.spec.ioConfig.consumerProperties["bootstrap.servers"]}
 * @param fix      what to change, in words a user can act on
 */
public record Problem(Severity severity, String jsonPath, String message, String fix)
{
  @Override
  public String toString()
  {
    return severity + " " + jsonPath + ": " + message + " Fix: " + fix;
  }
}
