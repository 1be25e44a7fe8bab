package dev.druidmsk.iam;

import dev.druidmsk.iam.internals.MskIamLibrary.CredentialSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.msk.auth.iam.internals.region.ConfigurableRegionProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for STS: each fetch issues new session credentials (access key {@code ASIA<n>}) that expire a fixed
 * lifetime after the clock's now, or fails while told to, or first waits while told to. It counts every call
 * (attempts) and the most calls under way at once.
 */
class FakeCredentialSource implements CredentialSource
{
  private final Clock clock;
  private final Duration lifetime;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile RuntimeException failure;
  private volatile CountDownLatch gate;

  FakeCredentialSource(Clock clock, Duration lifetime)
  {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** A cache whose entries each get a new source of 20-second credentials, added to {@code created}. */
  static SharedCredentialsCache cache(Clock clock, List<FakeCredentialSource> created)
  {
    return new SharedCredentialsCache(
        options -> {
          final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
          created.add(source);
          return source;
        },
        clock
    );
  }

  void failWith(RuntimeException failure)
  {
    this.failure = failure;
  }

  /** Every call from now on waits for {@code release} before answering, as a slow STS does. */
  void blockUntil(CountDownLatch release)
  {
    this.gate = release;
  }

  int fetches()
  {
    return fetches.get();
  }

  int attempts()
  {
    return attempts.get();
  }

  int mostInFlight()
  {
    return mostInFlight.get();
  }

  boolean isClosed()
  {
    return closed.get();
  }

  @Override
  public AwsCredentials resolveCredentials()
  {
    attempts.incrementAndGet();
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      final CountDownLatch release = gate;
      if (release != null && !release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the fake STS");
      }
      return issue();
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    finally {
      inFlight.decrementAndGet();
    }
  }

  private AwsCredentials issue()
  {
    final RuntimeException toThrow = failure;
    if (toThrow != null) {
      throw toThrow;
    }
    final int n = fetches.incrementAndGet();
    return AwsSessionCredentials.builder()
                                .accessKeyId("ASIA" + n)
                                // The marker of the build's secret scan (integration-tests SecretLeakScanner).
                                .secretAccessKey("DRUIDMSKFAKESECRET-secret-" + n)
                                .sessionToken("DRUIDMSKFAKESECRET-token-" + n)
                                .expirationTime(clock.instant().plus(lifetime))
                                .build();
  }

  @Override
  public ConfigurableRegionProvider customRegionProvider()
  {
    return null;
  }

  @Override
  public void close()
  {
    closed.set(true);
  }
}
