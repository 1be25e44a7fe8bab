package dev.druidmsk.iam;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.msk.auth.iam.IAMLoginModule;
import software.amazon.msk.auth.iam.internals.AWSCredentialsCallback;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handler as Kafka drives it, over a cache whose credentials come from a fake STS. */
class SharedCredentialsCallbackHandlerTest
{
  private static final Map<String, String> OPTIONS = Map.of(
      "awsRoleArn", "arn:aws:iam::123456789012:role/reader",
      "awsRoleSessionName", "druid-ingest"
  );

  private final FakeClock clock = new FakeClock();
  private final List<FakeCredentialSource> sources = new ArrayList<>();
  private final SharedCredentialsCache cache = FakeCredentialSource.cache(clock, sources);
  private final List<SharedCredentialsCallbackHandler> handlers = new ArrayList<>();

  @AfterEach
  void closeHandlers()
  {
    handlers.forEach(SharedCredentialsCallbackHandler::close);
  }

  private static AppConfigurationEntry iamEntry(Map<String, ?> options)
  {
    return new AppConfigurationEntry(
        IAMLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options
    );
  }

  private SharedCredentialsCallbackHandler configured()
  {
    final SharedCredentialsCallbackHandler handler = new SharedCredentialsCallbackHandler(cache);
    handlers.add(handler);
    handler.configure(Map.of(), "AWS_MSK_IAM", List.of(iamEntry(OPTIONS)));
    return handler;
  }

  private static AWSCredentialsCallback handled(SharedCredentialsCallbackHandler handler) throws Exception
  {
    final AWSCredentialsCallback callback = new AWSCredentialsCallback();
    handler.handle(new Callback[]{callback});
    return callback;
  }

  @Test
  void theCredentialsCallbackGetsCredentials() throws Exception
  {
    final AWSCredentialsCallback callback = handled(configured());

    assertThat(callback.isSuccessful()).isTrue();
    assertThat(callback.getAwsCredentials().accessKeyId()).isEqualTo("ASIA1");
  }

  @Test
  void handlersWithTheSameJaasOptionsShareCredentials() throws Exception
  {
    final AWSCredentialsCallback first = handled(configured());
    final AWSCredentialsCallback second = handled(configured());

    assertThat(second.getAwsCredentials()).isSameAs(first.getAwsCredentials());
    assertThat(sources).singleElement().extracting(FakeCredentialSource::fetches).isEqualTo(1);
  }

  @Test
  void aLoadingFailureIsReportedOnTheCallbackNotThrown() throws Exception
  {
    final SharedCredentialsCallbackHandler handler = configured();
    sources.get(0).failWith(new IllegalStateException("AccessDenied"));

    final AWSCredentialsCallback callback = handled(handler);

    assertThat(callback.isSuccessful()).isFalse();
    assertThat(callback.getAwsCredentials()).isNull();
    assertThat(callback.getLoadingException())
        .isInstanceOf(CredentialsUnavailableException.class)
        .hasMessageContaining("role[arn:aws:iam::123456789012:role/reader] session[druid-ingest]")
        .hasRootCauseMessage("AccessDenied");
  }

  @Test
  void otherCallbacksAreUnsupported()
  {
    final SharedCredentialsCallbackHandler handler = configured();

    assertThatThrownBy(() -> handler.handle(new Callback[]{new NameCallback("name")}))
        .isInstanceOf(UnsupportedCallbackException.class)
        .hasMessageContaining(NameCallback.class.getName());
  }

  @Test
  void otherSaslMechanismsAreRejected()
  {
    final SharedCredentialsCallbackHandler handler = new SharedCredentialsCallbackHandler(cache);

    assertThatThrownBy(() -> handler.configure(Map.of(), "PLAIN", List.of(iamEntry(OPTIONS))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PLAIN");
  }

  @Test
  void aJaasConfigurationWithoutIamLoginModuleIsRejectedNotDefaulted()
  {
    final SharedCredentialsCallbackHandler handler = new SharedCredentialsCallbackHandler(cache);
    final AppConfigurationEntry plain = new AppConfigurationEntry(
        "org.apache.kafka.common.security.plain.PlainLoginModule",
        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
        Map.of()
    );

    assertThatThrownBy(() -> handler.configure(Map.of(), "AWS_MSK_IAM", List.of(plain)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(IAMLoginModule.class.getName());
    assertThat(cache.size()).isZero();
  }

  @Test
  void closingTheLastHandlerReleasesTheSharedCredentials()
  {
    configured();
    configured();

    handlers.forEach(SharedCredentialsCallbackHandler::close);

    assertThat(sources.get(0).isClosed()).isTrue();
  }

  @Test
  void closingAnUnconfiguredHandlerIsHarmless()
  {
    new SharedCredentialsCallbackHandler(cache).close();

    assertThat(cache.size()).isZero();
  }
}
