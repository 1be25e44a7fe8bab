package dev.druidmsk.iam;

import dev.druidmsk.iam.internals.MskIamLibrary.CredentialSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One set of credentials shared by every Kafka client of a JVM that uses the same JAAS options, fetched from its
 * {@link CredentialSource} again ahead of expiry: at half the remaining lifetime, and no earlier than
 * {@link #MAX_REFRESH_AHEAD} before expiry (the AWS SDK's own prefetch point, so a refresh is never answered from
 * the SDK's cache with the credentials we already have for long).
 *
 * <p>One caller refreshes at a time. While the held credentials are still valid, the others keep using them
 * instead of waiting, and a failed refresh is retried by the next caller; once they have expired, every caller
 * waits for the refresh and gets its error.
 */
final class RefreshingCredentials
{
  static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(5);

  private final CredentialSource source;
  private final Clock clock;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Held held;

  RefreshingCredentials(CredentialSource source, Clock clock)
  {
    this.source = source;
    this.clock = clock;
  }

  AwsCredentials get()
  {
    final Held snapshot = held;
    final Instant now = clock.instant();
    if (snapshot != null && now.isBefore(snapshot.refreshAt)) {
      return snapshot.credentials;
    }
    if (snapshot != null && snapshot.isValidAt(now)) {
      if (!refreshing.tryLock()) {
        return snapshot.credentials;
      }
    } else {
      refreshing.lock();
    }
    try {
      return refreshLocked();
    }
    finally {
      refreshing.unlock();
    }
  }

  private AwsCredentials refreshLocked()
  {
    final Held current = held;
    final Instant now = clock.instant();
    if (current != null && now.isBefore(current.refreshAt)) {
      return current.credentials;
    }
    try {
      final Held fresh = Held.fetchedAt(now, source.resolveCredentials());
      held = fresh;
      return fresh.credentials;
    }
    catch (RuntimeException e) {
      if (current != null && current.isValidAt(clock.instant())) {
        return current.credentials;
      }
      throw e;
    }
  }

  /** Credentials and when to fetch new ones; credentials without an expiry are asked for again on every use. */
  private static final class Held
  {
    final AwsCredentials credentials;
    final Instant expiry;
    final Instant refreshAt;

    private Held(AwsCredentials credentials, Instant expiry, Instant refreshAt)
    {
      this.credentials = credentials;
      this.expiry = expiry;
      this.refreshAt = refreshAt;
    }

    static Held fetchedAt(Instant now, AwsCredentials credentials)
    {
      final Instant expiry = credentials.expirationTime().orElse(null);
      if (expiry == null) {
        return new Held(credentials, null, now);
      }
      final Duration remaining = Duration.between(now, expiry);
      final Duration half = remaining.isNegative() ? Duration.ZERO : remaining.dividedBy(2);
      final Duration ahead = half.compareTo(MAX_REFRESH_AHEAD) < 0 ? half : MAX_REFRESH_AHEAD;
      return new Held(credentials, expiry, expiry.minus(ahead));
    }

    boolean isValidAt(Instant now)
    {
      return expiry != null && now.isBefore(expiry);
    }
  }
}
