package dev.druidmsk.localmsk.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Sets JVM system properties (the way aws-msk-iam-auth finds the STS, region and base credentials) and puts the
 * previous values back on close. System properties are JVM-global: tests that use this must not run in parallel.
 */
public final class ScopedSystemProperties implements AutoCloseable
{
  private final Map<String, String> previous = new HashMap<>();

  public static ScopedSystemProperties set(final Map<String, String> properties)
  {
    final ScopedSystemProperties scope = new ScopedSystemProperties();
    properties.forEach(scope::put);
    return scope;
  }

  public ScopedSystemProperties put(final String name, final String value)
  {
    if (!previous.containsKey(name)) {
      previous.put(name, System.getProperty(name));
    }
    System.setProperty(name, value);
    return this;
  }

  /** Clears {@code name} until close. */
  public ScopedSystemProperties remove(final String name)
  {
    if (!previous.containsKey(name)) {
      previous.put(name, System.getProperty(name));
    }
    System.clearProperty(name);
    return this;
  }

  @Override
  public void close()
  {
    previous.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }
}
