package dev.druidmsk.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshingCredentialsTest
{
  private static final Duration HOUR = Duration.ofHours(1);
  private static final String ROLE = "role[arn:aws:iam::123456789012:role/reader] session[druid-ingest]";

  private final FakeClock clock = new FakeClock();

  /** Refreshes on the calling thread, no jitter. */
  private RefreshingCredentials refreshing(FakeCredentialSource source)
  {
    return new RefreshingCredentials(source, ROLE, clock, Runnable::run, () -> 0, RefreshingCredentials.MAX_WAIT);
  }

  /** Refreshes on a thread of their own, as in a Kafka client JVM. */
  private RefreshingCredentials refreshingOn(ExecutorService refresher, FakeCredentialSource source, Duration wait)
  {
    return new RefreshingCredentials(source, ROLE, clock, refresher, () -> 0, wait);
  }

  @Test
  void credentialsAreFetchedOnFirstUse()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, HOUR);

    assertThat(refreshing(source).get().accessKeyId()).isEqualTo("ASIA1");
    assertThat(source.fetches()).isEqualTo(1);
  }

  @Test
  void credentialsAreReusedBeforeTheRefreshPoint()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();

    clock.advance(Duration.ofSeconds(7));

    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA1");
    assertThat(source.fetches()).isEqualTo(1);
  }

  @Test
  void shortLivedCredentialsAreRefreshedHalfwayThroughTheirUsableLifetime()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();

    // Usable for 20 - 5 s, so refreshed after 7.5 s.
    clock.advance(Duration.ofMillis(7_500));

    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA2");
  }

  @Test
  void longLivedCredentialsAreRefreshedFiveMinutesBeforeExpiry()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, HOUR);
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();

    clock.advance(Duration.ofMinutes(55).minusSeconds(1));
    final String justBefore = credentials.get().accessKeyId();
    clock.advance(Duration.ofSeconds(1));

    assertThat(justBefore).isEqualTo("ASIA1");
    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA2");
  }

  @Test
  void credentialsWithoutExpiryAreAskedForOnEveryUse()
  {
    final AtomicInteger asked = new AtomicInteger();
    final AwsCredentials longTerm = AwsBasicCredentials.create("AKIA1", "secret");
    final RefreshingCredentials credentials = refreshing(new FakeCredentialSource(clock, HOUR)
    {
      @Override
      public AwsCredentials resolveCredentials()
      {
        asked.incrementAndGet();
        return longTerm;
      }
    });

    credentials.get();
    credentials.get();

    assertThat(asked).hasValue(2);
  }

  @Test
  void aFailedRefreshKeepsServingCredentialsThatHaveNotExpired()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();
    source.failWith(new IllegalStateException("STS unreachable"));

    clock.advance(Duration.ofSeconds(14));

    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA1");
  }

  @Test
  void aFailedRefreshAfterExpirySurfacesTheError()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();
    source.failWith(new IllegalStateException("STS unreachable"));

    clock.advance(Duration.ofSeconds(20));

    assertThatThrownBy(credentials::get)
        .isInstanceOf(CredentialsUnavailableException.class)
        .hasMessageContaining("STS unreachable")
        .hasRootCauseMessage("STS unreachable");
  }

  @Test
  void credentialsWithinMsksTooShortMarginAreNeverSigned()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();
    source.failWith(new IllegalStateException("Throttling: Rate exceeded"));

    clock.advance(Duration.ofSeconds(20).minus(RefreshingCredentials.SIGNING_MARGIN));

    assertThatThrownBy(credentials::get)
        .isInstanceOf(CredentialsUnavailableException.class)
        .hasMessageContaining("expire in 5000 ms")
        .hasMessageContaining("too short");
  }

  @Test
  void theFailureNamesTheRoleTheRemainingLifetimeStsErrorAndFixButNoSecret()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();
    source.failWith(new IllegalStateException("Throttling: Rate exceeded"));
    clock.advance(Duration.ofSeconds(12));
    credentials.get();

    clock.advance(Duration.ofMillis(4_500));

    assertThatThrownBy(credentials::get)
        .hasMessageContaining(ROLE)
        .hasMessageContaining("expire in 3500 ms")
        .hasMessageContaining("Throttling: Rate exceeded")
        .hasMessageContaining("Fix: ")
        .hasMessageNotContaining("DRUIDMSKFAKESECRET")
        .hasMessageNotContaining("ASIA1");
  }

  @Test
  void newCredentialsAlreadyWithinTheMarginAreRefused()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(3));

    assertThatThrownBy(refreshing(source)::get)
        .isInstanceOf(CredentialsUnavailableException.class)
        .hasMessageContaining("the new credentials already expire within 5 s");
  }

  @Test
  void aFailedFetchIsNotTriedAgainWithinItsBackOffHoweverManyClientsAsk()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    source.failWith(new IllegalStateException("Throttling: Rate exceeded"));

    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(credentials::get).isInstanceOf(CredentialsUnavailableException.class);
    }

    assertThat(source.attempts()).isEqualTo(1);
  }

  @Test
  void theFirstUseAfterTheBackOffTriesAgain()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    source.failWith(new IllegalStateException("STS unreachable"));
    assertThatThrownBy(credentials::get).hasMessageContaining("next attempt in 500 ms");

    source.failWith(null);
    clock.advance(RefreshingCredentials.backOff(1, 0));

    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA1");
  }

  @Test
  void theBackOffDoublesFromOneSecondToThirtyWithEqualJitter()
  {
    final List<Long> lowest = new ArrayList<>();
    final List<Long> highest = new ArrayList<>();
    for (int failed = 1; failed <= 8; failed++) {
      lowest.add(RefreshingCredentials.backOff(failed, 0).toMillis());
      highest.add(RefreshingCredentials.backOff(failed, 0.999_999).toMillis());
    }

    assertThat(lowest).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 15_000L, 15_000L, 15_000L);
    assertThat(highest).containsExactly(999L, 1_999L, 3_999L, 7_999L, 15_999L, 29_999L, 29_999L, 29_999L);
  }

  @Test
  void aSuccessResetsTheBackOff()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    source.failWith(new IllegalStateException("STS unreachable"));
    assertThatThrownBy(credentials::get).isInstanceOf(CredentialsUnavailableException.class);
    clock.advance(RefreshingCredentials.backOff(1, 0));
    assertThatThrownBy(credentials::get).isInstanceOf(CredentialsUnavailableException.class);
    source.failWith(null);
    clock.advance(RefreshingCredentials.backOff(2, 0));
    credentials.get();
    source.failWith(new IllegalStateException("STS unreachable"));
    clock.advance(Duration.ofSeconds(20));

    assertThatThrownBy(credentials::get).hasMessageContaining("next attempt in 500 ms");
  }

  @Test
  void aClientHoldingUsableCredentialsDoesNotWaitForASlowSts() throws Exception
  {
    final CountDownLatch release = new CountDownLatch(1);
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final ExecutorService refresher = Executors.newSingleThreadExecutor();
    try {
      final RefreshingCredentials credentials = refreshingOn(refresher, source, RefreshingCredentials.MAX_WAIT);
      credentials.get();
      source.blockUntil(release);
      clock.advance(Duration.ofSeconds(12));

      final long started = System.nanoTime();
      final String used = credentials.get().accessKeyId();
      final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      System.out.println("client with usable credentials waited " + waitedMs + " ms for a refresh under way");

      assertThat(used).isEqualTo("ASIA1");
      assertThat(waitedMs).isLessThan(RefreshingCredentials.MAX_WAIT.toMillis());
    }
    finally {
      release.countDown();
      refresher.shutdownNow();
    }
  }

  @Test
  void aClientWithoutUsableCredentialsWaitsAtMostTheBoundThenFails() throws Exception
  {
    final CountDownLatch release = new CountDownLatch(1);
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    source.blockUntil(release);
    final ExecutorService refresher = Executors.newSingleThreadExecutor();
    try {
      final RefreshingCredentials credentials = refreshingOn(refresher, source, Duration.ofMillis(300));

      assertThatThrownBy(credentials::get)
          .isInstanceOf(CredentialsUnavailableException.class)
          .hasMessageContaining("STS has not answered within 300 ms");
    }
    finally {
      release.countDown();
      refresher.shutdownNow();
    }
  }

  @Test
  void atMostOneStsCallIsInFlightWhateverTheClients() throws Exception
  {
    final CountDownLatch release = new CountDownLatch(1);
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final ExecutorService refresher = Executors.newCachedThreadPool();
    final ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      final RefreshingCredentials credentials = refreshingOn(refresher, source, Duration.ofMillis(50));
      credentials.get();
      source.blockUntil(release);
      clock.advance(Duration.ofSeconds(16));
      final List<Future<?>> asking = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        asking.add(clients.submit(() -> {
          for (int n = 0; n < 50; n++) {
            try {
              credentials.get();
            }
            catch (CredentialsUnavailableException expected) {
              // STS is slow: the client fails its authentication and Kafka retries it.
            }
          }
        }));
      }
      for (Future<?> client : asking) {
        client.get(30, TimeUnit.SECONDS);
      }

      assertThat(source.attempts()).as("STS calls: the first fetch and one refresh").isEqualTo(2);
      assertThat(source.mostInFlight()).isEqualTo(1);
    }
    finally {
      release.countDown();
      clients.shutdownNow();
      refresher.shutdownNow();
    }
  }

  @Test
  void concurrentFirstUsesFetchOnce() throws Exception
  {
    final CountDownLatch fetching = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final FakeCredentialSource source = new FakeCredentialSource(clock, HOUR)
    {
      @Override
      public AwsCredentials resolveCredentials()
      {
        fetching.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.resolveCredentials();
      }
    };
    final ExecutorService refresher = Executors.newSingleThreadExecutor();
    final RefreshingCredentials credentials = refreshingOn(refresher, source, RefreshingCredentials.MAX_WAIT);
    final ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      final List<Future<AwsCredentials>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(threads.submit(credentials::get));
      }
      assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<AwsCredentials> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).accessKeyId()).isEqualTo("ASIA1");
      }
    }
    finally {
      threads.shutdownNow();
      refresher.shutdownNow();
    }
    assertThat(source.fetches()).isEqualTo(1);
  }
}
