package dev.druidmsk.localstack.sts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many authenticated calls the local STS answered: per action, per action and role, and per action, role and
 * session name (which tells apart callers that name their sessions after themselves, as Druid nodes do).
 */
public final class CallCounters
{
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void record(final String action, final String roleArn, final String sessionName)
  {
    increment(action);
    if (roleArn != null) {
      increment(action + ' ' + roleArn);
      if (sessionName != null) {
        increment(action + ' ' + roleArn + ' ' + sessionName);
      }
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

  public long calls(final String action, final String roleArn, final String sessionName)
  {
    return value(action + ' ' + roleArn + ' ' + sessionName);
  }

  /** Every counter, keyed {@code <action>}, {@code <action> <role ARN>} or {@code <action> <role ARN> <session>}. */
  public Map<String, Long> snapshot()
  {
    final Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((key, count) -> snapshot.put(key, count.get()));
    return snapshot;
  }

  private void increment(final String key)
  {
    counts.computeIfAbsent(key, ignored -> new AtomicLong()).incrementAndGet();
  }

  private long value(final String key)
  {
    final AtomicLong count = counts.get(key);
    return count == null ? 0 : count.get();
  }
}
