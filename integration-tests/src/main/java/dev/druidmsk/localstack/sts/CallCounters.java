package dev.druidmsk.localstack.sts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How many authenticated calls the local STS answered, per action and per action and role. */
public final class CallCounters
{
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void record(final String action, final String roleArn)
  {
    counts.computeIfAbsent(action, key -> new AtomicLong()).incrementAndGet();
    if (roleArn != null) {
      counts.computeIfAbsent(action + ' ' + roleArn, key -> new AtomicLong()).incrementAndGet();
    }
  }

  public long calls(final String action)
  {
    return value(action);
  }

  public long calls(final String action, final String roleArn)
  {
    return value(action + ' ' + roleArn);
  }

  /** Every counter, keyed {@code <action>} or {@code <action> <role ARN>}, for reports. */
  public Map<String, Long> snapshot()
  {
    final Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((key, count) -> snapshot.put(key, count.get()));
    return snapshot;
  }

  private long value(final String key)
  {
    final AtomicLong count = counts.get(key);
    return count == null ? 0 : count.get();
  }
}
