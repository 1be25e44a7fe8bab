package dev.druidmsk.iam;

/**
 * Writes one JAAS login-module entry for Kafka's {@code sasl.jaas.config}, every option value double-quoted.
 *
 * <p>Values reach here already validated; the writer still refuses any character that Kafka's JAAS parser would
 * read as the end of a value or of the entry, so no caller can ever produce an entry with extra options.
 */
final class JaasConfigWriter
{
  private final StringBuilder entry;

  JaasConfigWriter(String loginModule)
  {
    entry = new StringBuilder(loginModule).append(" required");
  }

  /** Appends {@code key="value"}; a null value is skipped so callers can pass optional settings as they are. */
  JaasConfigWriter option(String key, String value)
  {
    if (value != null) {
      for (int i = 0; i < value.length(); i++) {
        final char c = value.charAt(i);
        if (c == '"' || c == '\\' || c == ';' || Character.isISOControl(c)) {
          throw new IllegalStateException("JAAS option " + key + " holds a character that would break the entry");
        }
      }
      entry.append(' ').append(key).append("=\"").append(value).append('"');
    }
    return this;
  }

  @Override
  public String toString()
  {
    return entry + ";";
  }
}
