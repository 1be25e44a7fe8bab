package dev.druidmsk.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedCredentialsCacheTest
{
  private static final Map<String, String> READER = Map.of(
      "awsRoleArn", "arn:aws:iam::123456789012:role/reader",
      "awsRoleSessionName", "druid-ingest",
      "awsRoleExternalId", "ext-1",
      "awsStsRegion", "us-east-1",
      "awsAddDefaultProviders", "false"
  );

  private final FakeClock clock = new FakeClock();
  private final List<FakeCredentialSource> sources = new ArrayList<>();
  private final SharedCredentialsCache cache = FakeCredentialSource.cache(clock, sources);

  @Test
  void clientsWithTheSameOptionsShareOneSetOfCredentials()
  {
    final SharedCredentialsCache.Lease first = cache.lease(READER);
    final SharedCredentialsCache.Lease second = cache.lease(new HashMap<>(READER));

    assertThat(second.credentials()).isSameAs(first.credentials());
    assertThat(sources).hasSize(1);
    assertThat(sources.get(0).fetches()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "awsRoleArn", "awsRoleSessionName", "awsRoleExternalId", "awsStsRegion", "awsAddDefaultProviders"
  })
  void anyDifferingOptionGetsItsOwnCredentials(String option)
  {
    final Map<String, String> other = new HashMap<>(READER);
    other.put(option, READER.get(option) + "-other");

    final SharedCredentialsCache.Lease first = cache.lease(READER);
    final SharedCredentialsCache.Lease second = cache.lease(other);

    assertThat(second.credentials()).isNotSameAs(first.credentials());
    assertThat(cache.size()).isEqualTo(2);
    assertThat(sources).hasSize(2);
  }

  @Test
  void aMissingOptionIsNotTheSameAsAnyValue()
  {
    final Map<String, String> withoutExternalId = new HashMap<>(READER);
    withoutExternalId.remove("awsRoleExternalId");

    cache.lease(READER);
    cache.lease(withoutExternalId);

    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void closingOneClientKeepsTheOthersWorking()
  {
    final SharedCredentialsCache.Lease first = cache.lease(READER);
    final SharedCredentialsCache.Lease second = cache.lease(READER);
    first.credentials();

    first.close();
    clock.advance(Duration.ofSeconds(10));

    assertThat(second.credentials().accessKeyId()).isEqualTo("ASIA2");
    assertThat(sources.get(0).isClosed()).isFalse();
  }

  @Test
  void theLastClientClosingClosesTheSource()
  {
    final SharedCredentialsCache.Lease first = cache.lease(READER);
    final SharedCredentialsCache.Lease second = cache.lease(READER);

    first.close();
    second.close();

    assertThat(sources.get(0).isClosed()).isTrue();
    assertThat(cache.size()).isZero();
  }

  @Test
  void closingALeaseTwiceReleasesItOnce()
  {
    final SharedCredentialsCache.Lease first = cache.lease(READER);
    final SharedCredentialsCache.Lease second = cache.lease(READER);

    first.close();
    first.close();

    assertThat(sources.get(0).isClosed()).isFalse();
    assertThat(second.credentials()).isNotNull();
  }

  @Test
  void aClosedLeaseGivesNoCredentials()
  {
    final SharedCredentialsCache.Lease lease = cache.lease(READER);
    lease.close();

    assertThatThrownBy(lease::credentials).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void optionsOpenedAgainAfterTheLastCloseGetAFreshSource()
  {
    cache.lease(READER).close();

    final SharedCredentialsCache.Lease again = cache.lease(READER);

    assertThat(again.credentials().accessKeyId()).isEqualTo("ASIA1");
    assertThat(sources).hasSize(2);
    assertThat(sources.get(1).isClosed()).isFalse();
  }

  @Test
  void aFailureReachesEveryClientFromOneStsCall()
  {
    final SharedCredentialsCache.Lease first = cache.lease(READER);
    final SharedCredentialsCache.Lease second = cache.lease(READER);
    sources.get(0).failWith(new IllegalStateException("AccessDenied"));

    assertThatThrownBy(first::credentials).hasRootCauseMessage("AccessDenied");
    assertThatThrownBy(second::credentials).hasRootCauseMessage("AccessDenied");
    assertThat(sources.get(0).attempts()).isEqualTo(1);
  }

  @Test
  void theLibrarysOwnRetryLoopIsTurnedOffForTheSharedSource()
  {
    final Map<String, String> options = new HashMap<>(READER);
    options.put("awsMaxRetries", "3");

    assertThat(SharedCredentialsCache.withoutLibraryRetries(options))
        .containsEntry("awsMaxRetries", "0")
        .containsEntry("awsRoleArn", READER.get("awsRoleArn"));
  }
}
