package dev.druidmsk.iam;

import dev.druidmsk.iam.internals.MskIamLibrary.CredentialSource;
import org.apache.druid.java.util.common.logger.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * One set of credentials shared by every Kafka client of a JVM that uses the same JAAS options, fetched from its
 * {@link CredentialSource} again ahead of expiry: halfway through their usable lifetime (which ends
 * {@link #SIGNING_MARGIN} before expiry), and no earlier than {@link #MAX_REFRESH_AHEAD} before expiry (the AWS
 * SDK's own prefetch point, so a refresh is never answered from the SDK's cache with the credentials we already
 * have for long).
 *
 * <p>Refreshes run on the refresher executor, one at a time: a Kafka client thread that still holds usable
 * credentials never waits for STS. Credentials are usable until {@link #SIGNING_MARGIN} before their expiry and
 * never after, because MSK refuses a session that would end within about 2 seconds ("Session too short"). A
 * client thread with no usable credentials waits at most {@link #MAX_WAIT} for a refresh under way, then fails
 * its authentication with a message naming the role, the remaining lifetime, STS's error and the fix.
 *
 * <p>A failed refresh is tried again only after a back-off, doubling from {@link #FIRST_BACK_OFF} to
 * {@link #MAX_BACK_OFF} with equal jitter (half the delay fixed, half random, so nodes that failed together spread
 * out), whichever client asks: however many clients reconnect, a node makes one STS attempt per back-off period.
 * Within one attempt the AWS SDK's STS client makes its own retries of throttling, 5xx and I/O errors.
 */
final class RefreshingCredentials
{
  private static final Logger log = new Logger(RefreshingCredentials.class);

  static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(5);
  /** MSK's "Session too short" refuses under about 2 s; 3 s more for clock skew and the trip to the broker. */
  static final Duration SIGNING_MARGIN = Duration.ofSeconds(5);
  static final Duration MAX_WAIT = Duration.ofSeconds(10);
  static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
  static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

  private final CredentialSource source;
  private final String identity;
  private final Clock clock;
  private final Executor refresher;
  private final DoubleSupplier jitter;
  private final Duration maxWait;
  private volatile Held held;

  // Guarded by this.
  private CompletableFuture<Held> inFlight;
  private int failures;
  private Instant nextAttempt = Instant.MIN;
  private RuntimeException lastFailure;

  /**
   * @param identity what the credentials are, for messages: role and session name, never a secret
   * @param jitter   a random number in [0, 1)
   * @param maxWait  {@link #MAX_WAIT}, shorter in tests
   */
  RefreshingCredentials(
      CredentialSource source,
      String identity,
      Clock clock,
      Executor refresher,
      DoubleSupplier jitter,
      Duration maxWait
  )
  {
    this.source = source;
    this.identity = identity;
    this.clock = clock;
    this.refresher = refresher;
    this.jitter = jitter;
    this.maxWait = maxWait;
  }

  AwsCredentials get()
  {
    final Instant now = clock.instant();
    final Held current = held;
    if (current != null && now.isBefore(current.refreshAt) && current.isUsableAt(now)) {
      return current.credentials;
    }
    final CompletableFuture<Held> refresh = startRefreshIfDue(now);
    if (refresh != null && refresh.isDone() && !refresh.isCompletedExceptionally()) {
      return usable(refresh.join(), now);
    }
    if (current != null && current.isUsableAt(now)) {
      return current.credentials;
    }
    if (refresh == null) {
      throw unavailable(current, now, null);
    }
    try {
      return usable(refresh.get(maxWait.toMillis(), TimeUnit.MILLISECONDS), clock.instant());
    }
    catch (TimeoutException e) {
      throw unavailable(current, now, "STS has not answered within " + maxWait.toMillis() + " ms");
    }
    catch (ExecutionException e) {
      throw unavailable(current, now, null);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(current, now, "interrupted while waiting for STS");
    }
  }

  private AwsCredentials usable(Held fresh, Instant now)
  {
    if (!fresh.isUsableAt(now)) {
      throw unavailable(fresh, now, "the new credentials already expire within " + SIGNING_MARGIN.toSeconds() + " s");
    }
    return fresh.credentials;
  }

  /** The refresh under way, a new one if one is due and not backing off, or null. */
  private synchronized CompletableFuture<Held> startRefreshIfDue(Instant now)
  {
    if (inFlight != null) {
      return inFlight;
    }
    final Held latest = held;
    if (latest != null && now.isBefore(latest.refreshAt) && latest.isUsableAt(now)) {
      return CompletableFuture.completedFuture(latest);
    }
    if (now.isBefore(nextAttempt)) {
      return null;
    }
    final CompletableFuture<Held> refresh = new CompletableFuture<>();
    inFlight = refresh;
    refresher.execute(() -> fetch(refresh));
    return refresh;
  }

  private void fetch(CompletableFuture<Held> refresh)
  {
    try {
      final Held fresh = Held.fetchedAt(clock.instant(), source.resolveCredentials());
      synchronized (this) {
        held = fresh;
        failures = 0;
        lastFailure = null;
        nextAttempt = Instant.MIN;
        inFlight = null;
      }
      refresh.complete(fresh);
    }
    catch (Throwable e) {
      // An Error too (a class missing from a broken install): a refresh must never stay in flight for good.
      final RuntimeException failure = e instanceof RuntimeException
                                       ? (RuntimeException) e
                                       : new IllegalStateException(e.toString(), e);
      final Duration backOff;
      final int failed;
      synchronized (this) {
        failed = ++failures;
        lastFailure = failure;
        backOff = backOff(failed, jitter.getAsDouble());
        nextAttempt = clock.instant().plus(backOff);
        inFlight = null;
      }
      log.warn(
          "Fetching AWS MSK IAM credentials of %s failed (%d in a row), next attempt in %d ms: %s",
          identity, failed, backOff.toMillis(), failure.toString()
      );
      refresh.completeExceptionally(failure);
    }
  }

  /** The wait after {@code failed} failures in a row, for a {@code jitter} in [0, 1). */
  static Duration backOff(int failed, double jitter)
  {
    final long ceiling = Math.min(MAX_BACK_OFF.toMillis(), FIRST_BACK_OFF.toMillis() << Math.min(failed - 1, 20));
    return Duration.ofMillis(ceiling / 2 + (long) (jitter * (ceiling / 2)));
  }

  private synchronized CredentialsUnavailableException unavailable(Held current, Instant now, String reason)
  {
    final StringBuilder message = new StringBuilder("AWS MSK IAM credentials of ").append(identity);
    if (current == null || current.expiry == null) {
      message.append(" are not available");
    } else {
      final long remaining = Duration.between(now, current.expiry).toMillis();
      message.append(remaining <= 0 ? " expired " + -remaining + " ms ago" : " expire in " + remaining + " ms")
             .append(", within the ").append(SIGNING_MARGIN.toSeconds())
             .append(" s before expiry in which MSK refuses a session as too short, so they are not used");
    }
    if (reason != null) {
      message.append("; ").append(reason);
    }
    if (lastFailure != null) {
      message.append("; the last ").append(failures).append(" attempt(s) to fetch new ones failed, the last with: ")
             .append(lastFailure);
      if (inFlight == null) {
        message.append("; next attempt in ")
               .append(Math.max(0, Duration.between(clock.instant(), nextAttempt).toMillis())).append(" ms");
      }
    }
    message.append(". Fix: let this node reach STS (stsRegion, network, VPC endpoint), lower this account's STS call")
           .append(" rate if STS throttles, and check the role's trust policy and external ID;")
           .append(" `druid-msk doctor` on this node tells these apart.");
    return new CredentialsUnavailableException(message.toString(), lastFailure);
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
      final Duration usable = Duration.between(now, expiry).minus(SIGNING_MARGIN);
      final Duration ahead = SIGNING_MARGIN.plus(usable.isNegative() ? Duration.ZERO : usable.dividedBy(2));
      final Duration lead = ahead.compareTo(MAX_REFRESH_AHEAD) < 0 ? ahead : MAX_REFRESH_AHEAD;
      return new Held(credentials, expiry, expiry.minus(lead));
    }

    /** Long-term keys do not expire; temporary ones are usable until MSK's too-short margin. */
    boolean isUsableAt(Instant now)
    {
      return expiry == null || now.isBefore(expiry.minus(SIGNING_MARGIN));
    }
  }
}
