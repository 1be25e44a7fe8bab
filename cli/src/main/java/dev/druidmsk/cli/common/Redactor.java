package dev.druidmsk.cli.common;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces every registered secret in a text with a mask. A second line of defence: messages are written not to
 * contain secrets, and this catches what a library or server might echo back.
 */
public final class Redactor
{
  public static final String MASK = "******";
  // Shorter values would mask ordinary words in messages; Druid and IAM secrets are longer anyway.
  private static final int MIN_LENGTH = 4;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  public void register(String secret)
  {
    if (secret != null && secret.length() >= MIN_LENGTH) {
      secrets.add(secret);
    }
  }

  public String redact(String text)
  {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, MASK);
    }
    return redacted;
  }
}
