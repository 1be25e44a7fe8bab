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

  private final FakeClock clock = new FakeClock();

  private RefreshingCredentials refreshing(FakeCredentialSource source)
  {
    return new RefreshingCredentials(source, clock);
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

    clock.advance(Duration.ofSeconds(9));

    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA1");
    assertThat(source.fetches()).isEqualTo(1);
  }

  @Test
  void shortLivedCredentialsAreRefreshedAtHalfTheirLifetime()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    credentials.get();

    clock.advance(Duration.ofSeconds(10));

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
    final RefreshingCredentials credentials = new RefreshingCredentials(new FakeCredentialSource(clock, HOUR)
    {
      @Override
      public AwsCredentials resolveCredentials()
      {
        asked.incrementAndGet();
        return longTerm;
      }
    }, clock);

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

    clock.advance(Duration.ofSeconds(15));

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

    assertThatThrownBy(credentials::get).hasMessage("STS unreachable");
  }

  @Test
  void theNextUseAfterAFailureTriesAgain()
  {
    final FakeCredentialSource source = new FakeCredentialSource(clock, Duration.ofSeconds(20));
    final RefreshingCredentials credentials = refreshing(source);
    source.failWith(new IllegalStateException("STS unreachable"));
    assertThatThrownBy(credentials::get).hasMessage("STS unreachable");

    source.failWith(null);

    assertThat(credentials.get().accessKeyId()).isEqualTo("ASIA1");
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
    final RefreshingCredentials credentials = refreshing(source);
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
    }
    assertThat(source.fetches()).isEqualTo(1);
  }
}
