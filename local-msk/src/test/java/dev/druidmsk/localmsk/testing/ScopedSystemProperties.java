package dev.druidmsk.localmsk.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets JVM system properties (the way aws-msk-iam-auth finds the STS, region and base credentials) until close.
 * System properties are JVM-global and suites of one JVM can overlap (a concurrent suite beside a lane's others), so
 * scopes are layers: while several are open the latest one's value holds, and once all that set a name are closed,
 * whatever their order, the value from before the first is back. (Putting back each scope's own "previous" value
 * left one suite's base credentials behind for the rest of a lane, in the failsafe reports.)
 */
public final class ScopedSystemProperties implements AutoCloseable
{
  /** The open scopes, oldest first, and each property's value from before the first open scope touched it. */
  private static final List<ScopedSystemProperties> OPEN = new ArrayList<>();
  private static final Map<String, Optional<String>> ORIGINAL = new HashMap<>();

  /** This scope's values; an empty one clears the property. */
  private final Map<String, Optional<String>> values = new HashMap<>();

  public ScopedSystemProperties()
  {
    synchronized (OPEN) {
      OPEN.add(this);
    }
  }

  public static ScopedSystemProperties set(final Map<String, String> properties)
  {
    final ScopedSystemProperties scope = new ScopedSystemProperties();
    properties.forEach(scope::put);
    return scope;
  }

  public ScopedSystemProperties put(final String name, final String value)
  {
    return apply(name, Optional.of(value));
  }

  /** Clears {@code name} until close. */
  public ScopedSystemProperties remove(final String name)
  {
    return apply(name, Optional.empty());
  }

  private ScopedSystemProperties apply(final String name, final Optional<String> value)
  {
    synchronized (OPEN) {
      ORIGINAL.computeIfAbsent(name, key -> Optional.ofNullable(System.getProperty(key)));
      values.put(name, value);
      write(name, value);
    }
    return this;
  }

  @Override
  public void close()
  {
    synchronized (OPEN) {
      if (!OPEN.remove(this)) {
        return;
      }
      for (String name : values.keySet()) {
        final ScopedSystemProperties latest = latestSetting(name);
        write(name, latest != null ? latest.values.get(name) : ORIGINAL.remove(name));
      }
    }
  }

  /** The most recently opened scope still open that sets {@code name}, or null. */
  private static ScopedSystemProperties latestSetting(final String name)
  {
    for (int i = OPEN.size() - 1; i >= 0; i--) {
      if (OPEN.get(i).values.containsKey(name)) {
        return OPEN.get(i);
      }
    }
    return null;
  }

  private static void write(final String name, final Optional<String> value)
  {
    if (value.isPresent()) {
      System.setProperty(name, value.get());
    } else {
      System.clearProperty(name);
    }
  }
}
