package dev.druidmsk.localmsk.sts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the local STS answered to authenticated callers, issued credentials, refusals and injected faults apart (a
 * refused AssumeRole is no rotation): per action, per action and role, and per action, role and session name (which tells apart callers
 * that name their sessions after themselves, as Druid nodes do).
 */
public final class CallCounters
{
  /** How the STS answered a call. */
  public enum Outcome
  {
    /** Answered: for AssumeRole, new credentials were issued. */
    ISSUED,
    /** Refused with an error (trust, external ID, validation). */
    REFUSED,
    /** Answered {@code Throttling} by {@link StsFaults#throttle()}. */
    THROTTLED,
    /** Answered 500 or 503 by {@link StsFaults#internalFailure(int)}. */
    FAILED
  }

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void record(final String action, final Outcome outcome, final String roleArn, final String sessionName)
  {
    final String prefix = action + ' ' + outcome;
    increment(prefix);
    if (roleArn != null) {
      increment(prefix + ' ' + roleArn);
      if (sessionName != null) {
        increment(prefix + ' ' + roleArn + ' ' + sessionName);
      }
    }
  }

  /** Credentials AssumeRole issued for {@code roleArn}. */
  public long issued(final String roleArn)
  {
    return value(StsActions.ASSUME_ROLE + ' ' + Outcome.ISSUED + ' ' + roleArn);
  }

  /** Credentials AssumeRole issued for {@code roleArn} to sessions named {@code sessionName}. */
  public long issued(final String roleArn, final String sessionName)
  {
    return value(StsActions.ASSUME_ROLE + ' ' + Outcome.ISSUED + ' ' + roleArn + ' ' + sessionName);
  }

  /** AssumeRole calls for {@code roleArn} the STS refused. */
  public long refused(final String roleArn)
  {
    return value(StsActions.ASSUME_ROLE + ' ' + Outcome.REFUSED + ' ' + roleArn);
  }

  /** AssumeRole calls for {@code roleArn} answered {@code Throttling}. */
  public long throttled(final String roleArn)
  {
    return value(StsActions.ASSUME_ROLE + ' ' + Outcome.THROTTLED + ' ' + roleArn);
  }

  /** AssumeRole calls for {@code roleArn} answered 500 or 503. */
  public long failed(final String roleArn)
  {
    return value(StsActions.ASSUME_ROLE + ' ' + Outcome.FAILED + ' ' + roleArn);
  }

  /** Every AssumeRole call for {@code roleArn} that reached the STS, whatever the outcome. */
  public long assumeRoleCalls(final String roleArn)
  {
    long total = 0;
    for (Outcome outcome : Outcome.values()) {
      total += value(StsActions.ASSUME_ROLE + ' ' + outcome + ' ' + roleArn);
    }
    return total;
  }

  /** Every call of {@code action} that reached the STS, whatever the outcome. */
  public long calls(final String action)
  {
    long total = 0;
    for (Outcome outcome : Outcome.values()) {
      total += value(action + ' ' + outcome);
    }
    return total;
  }

  /** Every counter, keyed {@code <action> <outcome>[ <role ARN>[ <session>]]}. */
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
