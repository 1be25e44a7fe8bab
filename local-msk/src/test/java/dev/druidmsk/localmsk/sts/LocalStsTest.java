package dev.druidmsk.localmsk.sts;

import dev.druidmsk.localmsk.iam.FakeSecrets;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The local STS, driven by the real AWS SDK v2 STS client. */
class LocalStsTest
{
  private static final BaseUser DRUID = new BaseUser(
      "AKIAIOSFODNN7DRUID0", FakeSecrets.marked("-druid-secret-druid-secret"), "arn:aws:iam::111111111111:user/druid"
  );
  private static final BaseUser STRANGER = new BaseUser(
      "AKIAIOSFODNN7STRANGER", FakeSecrets.marked("-stranger-secret-stranger"), "arn:aws:iam::333333333333:user/eve"
  );
  private static final String ROLE = "arn:aws:iam::222222222222:role/msk/reader";
  private static final String EXTERNAL_ID = "ext-1234";
  /** Trusted by its role ARN, not by a session ARN: every session of it may assume {@link #CHAINED}. */
  private static final String CHAINED = "arn:aws:iam::222222222222:role/chained";
  private static final String LONG_SESSIONS = "arn:aws:iam::222222222222:role/long-sessions";

  private static final SessionCredentialAuthority AUTHORITY = SessionCredentialAuthority.withNewMasterKey();
  private static LocalSts sts;

  @BeforeAll
  static void startSts() throws IOException
  {
    sts = LocalSts.builder(AUTHORITY)
                  .user(DRUID)
                  .user(STRANGER)
                  .role(Role.trusting(ROLE, EXTERNAL_ID, DRUID.arn()))
                  .role(Role.trusting(CHAINED, null, ROLE).withMaxSessionDuration(Duration.ofHours(12)))
                  .role(Role.trusting(LONG_SESSIONS, null, DRUID.arn()).withMaxSessionDuration(Duration.ofHours(4)))
                  .start();
  }

  @AfterAll
  static void stopSts()
  {
    sts.close();
  }

  @Test
  void assumeRoleIssuesCredentialsOfTheAssumedRoleForAnHourByDefault() throws Exception
  {
    final AssumeRoleResponse response = assumeRole(basic(DRUID), "druid-session", EXTERNAL_ID);

    assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/reader/druid-session");
    assertThat(response.assumedRoleUser().assumedRoleId()).endsWith(":druid-session");
    final Credentials credentials = response.credentials();
    assertThat(credentials.expiration()).isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(Duration.ofSeconds(3)));
    assertThat(AUTHORITY.verify(credentials.accessKeyId(), credentials.sessionToken(), Instant.now()).assumedRoleArn())
        .isEqualTo(response.assumedRoleUser().arn());
    assertThat(AUTHORITY.secretFor(credentials.accessKeyId())).isEqualTo(credentials.secretAccessKey());
  }

  @Test
  void wrongExternalIdIsAccessDenied()
  {
    assertStsError(() -> assumeRole(basic(DRUID), "s1", "ext-wrong"), 403, "AccessDenied",
                   "User: " + DRUID.arn() + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE);
  }

  @Test
  void missingExternalIdIsAccessDenied()
  {
    assertStsError(() -> assumeRole(basic(DRUID), "s1", null), 403, "AccessDenied", "sts:AssumeRole");
  }

  @Test
  void untrustedCallerIsAccessDenied()
  {
    assertStsError(() -> assumeRole(basic(STRANGER), "s1", EXTERNAL_ID), 403, "AccessDenied", STRANGER.arn());
  }

  @Test
  void unknownRoleIsAccessDenied()
  {
    assertStsError(
        () -> client(basic(DRUID)).assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/none").roleSessionName("s1")),
        403, "AccessDenied", "role/none"
    );
  }

  @Test
  void wrongSecretIsSignatureDoesNotMatch()
  {
    final AwsCredentials wrong = AwsBasicCredentials.create(DRUID.accessKeyId(), "not-the-secret");

    assertStsError(() -> assumeRole(wrong, "s1", EXTERNAL_ID), 403, "SignatureDoesNotMatch",
                   "The request signature we calculated does not match the signature you provided");
  }

  @Test
  void unknownAccessKeyIsInvalidClientTokenId()
  {
    final AwsCredentials unknown = AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "whatever");

    assertStsError(() -> assumeRole(unknown, "s1", EXTERNAL_ID), 403, "InvalidClientTokenId",
                   "The security token included in the request is invalid");
  }

  @Test
  void sessionNameShorterThanTwoIsAValidationError()
  {
    assertStsError(() -> assumeRole(basic(DRUID), "a", EXTERNAL_ID), 400, "ValidationError",
                   "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
  }

  @Test
  void sessionNameWithASpaceIsAValidationError()
  {
    assertStsError(() -> assumeRole(basic(DRUID), "bad name", EXTERNAL_ID), 400, "ValidationError",
                   "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  }

  @Test
  void sessionNameLongerThan64IsAValidationError()
  {
    assertStsError(() -> assumeRole(basic(DRUID), "s".repeat(65), EXTERNAL_ID), 400, "ValidationError",
                   "Member must have length less than or equal to 64");
  }

  @Test
  void callerIdentityOfIssuedCredentialsIsTheAssumedRole()
  {
    final AwsCredentials session = session(assumeRole(basic(DRUID), "whoami", EXTERNAL_ID));

    assertThat(client(session).getCallerIdentity().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/reader/whoami");
    assertThat(client(session).getCallerIdentity().account()).isEqualTo("222222222222");
  }

  @Test
  void callerIdentityOfTheBaseUserIsTheUser()
  {
    assertThat(client(basic(DRUID)).getCallerIdentity().arn()).isEqualTo(DRUID.arn());
  }

  @Test
  void issuedCredentialsAndRefusalsAreCountedApartPerRole()
  {
    final long issuedBefore = sts.counters().issued(ROLE);
    final long refusedBefore = sts.counters().refused(ROLE);

    assumeRole(basic(DRUID), "counted", EXTERNAL_ID);
    assertStsError(() -> assumeRole(basic(DRUID), "counted", "ext-wrong"), 403, "AccessDenied", "sts:AssumeRole");

    assertThat(sts.counters().issued(ROLE)).isEqualTo(issuedBefore + 1);
    assertThat(sts.counters().refused(ROLE)).isEqualTo(refusedBefore + 1);
  }

  @Test
  void issuedCredentialsAreCountedPerSessionName()
  {
    final long before = sts.counters().issued(ROLE, "druid-node-a");

    assumeRole(basic(DRUID), "druid-node-a", EXTERNAL_ID);
    assumeRole(basic(DRUID), "druid-node-b", EXTERNAL_ID);

    assertThat(sts.counters().issued(ROLE, "druid-node-a")).isEqualTo(before + 1);
  }

  @Test
  void durationSecondsSetsTheLifetime()
  {
    final Credentials credentials = assumeRole(basic(DRUID), LONG_SESSIONS, 7_200).credentials();

    assertThat(credentials.expiration()).isCloseTo(Instant.now().plusSeconds(7_200), within(Duration.ofSeconds(3)));
  }

  @Test
  void durationSecondsUnder900IsAValidationError()
  {
    assertStsError(() -> assumeRole(basic(DRUID), LONG_SESSIONS, 899), 400, "ValidationError",
                   "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than "
                   + "or equal to 900");
  }

  @Test
  void durationSecondsOver43200IsAValidationError()
  {
    assertStsError(() -> assumeRole(basic(DRUID), LONG_SESSIONS, 43_201), 400, "ValidationError",
                   "Member must have value less than or equal to 43200");
  }

  @Test
  void durationSecondsOverTheRolesMaximumIsAValidationError()
  {
    assertStsError(() -> assumeRole(basic(DRUID), LONG_SESSIONS, 4 * 3600 + 1), 400, "ValidationError",
                   "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  @Test
  void aRoleSessionIsTrustedByItsRoleArnAndMayChainForAnHour()
  {
    final AssumeRoleResponse chained = client(session(assumeRole(basic(DRUID), "first-hop", EXTERNAL_ID)))
        .assumeRole(r -> r.roleArn(CHAINED).roleSessionName("second-hop").durationSeconds(3_600));

    assertThat(chained.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/chained/second-hop");
  }

  @Test
  void roleChainingOverAnHourIsAValidationErrorEvenWithinTheRolesMaximum()
  {
    final StsClient firstHop = client(session(assumeRole(basic(DRUID), "first-hop", EXTERNAL_ID)));

    assertStsError(
        () -> firstHop.assumeRole(r -> r.roleArn(CHAINED).roleSessionName("second-hop").durationSeconds(3_601)),
        400, "ValidationError",
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
    );
  }

  @Test
  void aRoleTrustingOnlyARoleRefusesTheBaseUser()
  {
    assertStsError(() -> client(basic(DRUID)).assumeRole(r -> r.roleArn(CHAINED).roleSessionName("s1")),
                   403, "AccessDenied", "sts:AssumeRole on resource: " + CHAINED);
  }

  @Test
  void aRoleCreatedWhileTheStsRunsIsAssumedOnlyAsItsTrustPolicySays()
  {
    final String created = "arn:aws:iam::222222222222:role/created-at-runtime";
    sts.createRole(Role.trusting(created, "ext-runtime", DRUID.arn()));

    final AssumeRoleResponse response = client(basic(DRUID)).assumeRole(
        r -> r.roleArn(created).roleSessionName("runtime").externalId("ext-runtime")
    );
    assertThat(response.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/created-at-runtime/runtime");
    assertStsError(
        () -> client(basic(DRUID)).assumeRole(r -> r.roleArn(created).roleSessionName("s1").externalId("ext-wrong")),
        403, "AccessDenied", "sts:AssumeRole on resource: " + created
    );
    assertStsError(
        () -> client(basic(STRANGER)).assumeRole(r -> r.roleArn(created).roleSessionName("s1").externalId("ext-runtime")),
        403, "AccessDenied", STRANGER.arn()
    );
  }

  @Test
  void creatingARoleWhoseArnIsTakenIsRefusedAndTheRoleStaysAsItWas()
  {
    assertThatThrownBy(() -> sts.createRole(Role.trusting(ROLE, null, STRANGER.arn())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ROLE + " already exists");

    assertStsError(() -> assumeRole(basic(STRANGER), "s1", null), 403, "AccessDenied", STRANGER.arn());
    assertThat(assumeRole(basic(DRUID), "s1", EXTERNAL_ID).assumedRoleUser().arn()).endsWith("role/reader/s1");
  }

  @Test
  void rotationTestLifetimeIsAnOptInForCredentialsShorterThanAwsIssues() throws Exception
  {
    try (LocalSts rotation = LocalSts.builder(AUTHORITY)
                                     .user(DRUID)
                                     .role(Role.trusting(ROLE, EXTERNAL_ID, DRUID.arn()))
                                     .rotationTestLifetime(Duration.ofSeconds(7))
                                     .start()) {
      final Credentials credentials = StsClient.builder()
                                               .endpointOverride(rotation.endpoint())
                                               .region(Region.US_EAST_1)
                                               .credentialsProvider(StaticCredentialsProvider.create(basic(DRUID)))
                                               .build()
                                               .assumeRole(r -> r.roleArn(ROLE).roleSessionName("rotation").externalId(EXTERNAL_ID))
                                               .credentials();

      assertThat(credentials.expiration()).isCloseTo(Instant.now().plusSeconds(7), within(Duration.ofSeconds(3)));
    }
  }

  @Test
  void rotationTestLifetimeOf900SecondsOrMoreIsRefused()
  {
    assertThatThrownBy(() -> LocalSts.builder(AUTHORITY).rotationTestLifetime(Duration.ofSeconds(900)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("under 900 s");
  }

  @Test
  void throttlingIsAnswered400ThrottlingAndCountedPerRole()
  {
    final long before = sts.counters().throttled(ROLE);
    sts.faults().throttle();
    try {
      assertStsError(LocalStsTest::assumeRoleOnce, 400, "Throttling", "Rate exceeded");
    }
    finally {
      sts.faults().clear();
    }

    assertThat(sts.counters().throttled(ROLE)).isEqualTo(before + 1);
  }

  @Test
  void theSdkRetriesThrottlingAndEveryAttemptIsCounted()
  {
    final long before = sts.counters().assumeRoleCalls(ROLE);
    sts.faults().throttle();
    try {
      assertThatThrownBy(() -> assumeRole(basic(DRUID), "retried", EXTERNAL_ID)).isInstanceOf(StsException.class);
    }
    finally {
      sts.faults().clear();
    }

    System.out.println("LocalStsTest: AssumeRole attempts of one throttled SDK call: "
                       + (sts.counters().assumeRoleCalls(ROLE) - before));
    assertThat(sts.counters().assumeRoleCalls(ROLE) - before).isGreaterThan(1);
  }

  @Test
  void internalFailure500And503AreAnsweredAsAwsDoes()
  {
    final long before = sts.counters().failed(ROLE);
    try {
      sts.faults().internalFailure(500);
      assertStsError(LocalStsTest::assumeRoleOnce, 500, "InternalFailure", "unknown error");
      sts.faults().internalFailure(503);
      assertStsError(LocalStsTest::assumeRoleOnce, 503, "ServiceUnavailable", "Service is unavailable");
    }
    finally {
      sts.faults().clear();
    }

    assertThat(sts.counters().failed(ROLE)).isEqualTo(before + 2);
  }

  @Test
  void latencyDelaysTheAnswer()
  {
    sts.faults().latency(Duration.ofMillis(800));
    final long started = System.nanoTime();
    try {
      assumeRole(basic(DRUID), "slow", EXTERNAL_ID);
    }
    finally {
      sts.faults().clear();
    }
    final Duration took = Duration.ofNanos(System.nanoTime() - started);

    System.out.println("LocalStsTest: AssumeRole with 800 ms latency took " + took.toMillis() + " ms");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(800));
  }

  @Test
  void anOutageRefusesConnectionsAndClearAnswersAgainOnTheSameEndpoint()
  {
    final URI endpoint = sts.endpoint();
    final long before = sts.counters().issued(ROLE);

    sts.faults().outage();
    try {
      assertThatThrownBy(() -> assumeRole(basic(DRUID), "outage", EXTERNAL_ID))
          .isInstanceOf(SdkClientException.class)
          .hasRootCauseInstanceOf(ConnectException.class);
    }
    finally {
      sts.faults().clear();
    }

    assertThat(sts.endpoint()).isEqualTo(endpoint);
    assertThat(assumeRole(basic(DRUID), "outage", EXTERNAL_ID).credentials().accessKeyId()).startsWith("ASIA");
    assertThat(sts.counters().issued(ROLE)).isEqualTo(before + 1);
  }

  private static AssumeRoleResponse assumeRole(final AwsCredentials caller, final String session, final String externalId)
  {
    return client(caller).assumeRole(r -> r.roleArn(ROLE).roleSessionName(session).externalId(externalId));
  }

  @Test
  void aRegionalEndpointAnswersRequestsSignedForItsRegion()
  {
    assertThat(regionalClient(StsHosts.regional("eu-west-1"), Region.EU_WEST_1).getCallerIdentity().arn())
        .isEqualTo(DRUID.arn());
  }

  @Test
  void aRegionalEndpointRefusesASignatureForAnotherRegion()
  {
    assertStsError(() -> regionalClient(StsHosts.regional("eu-west-1"), Region.US_EAST_1).getCallerIdentity(),
                   403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region.");
  }

  @Test
  void itsOwnAddressAnswersRequestsSignedForTheRegionItServes()
  {
    assertThat(regionalClient("127.0.0.1", Region.US_EAST_1).getCallerIdentity().arn()).isEqualTo(DRUID.arn());
  }

  @Test
  void itsOwnAddressAnswersTheSdksAwsGlobalRegionAsTheGlobalEndpointWould()
  {
    assertThat(regionalClient("127.0.0.1", Region.AWS_GLOBAL).getCallerIdentity().arn()).isEqualTo(DRUID.arn());
  }

  @Test
  void itsOwnAddressRefusesASignatureForAnotherRegionAsAnStsVpcEndpointDoes()
  {
    assertStsError(() -> regionalClient("127.0.0.1", Region.EU_WEST_1).getCallerIdentity(),
                   403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region.");
  }

  @Test
  void theGlobalEndpointAnswersTheSdksAwsGlobalRegion()
  {
    assertThat(regionalClient(StsHosts.GLOBAL, Region.AWS_GLOBAL).getCallerIdentity().arn()).isEqualTo(DRUID.arn());
  }

  @Test
  void theGlobalEndpointRefusesARegionalSignatureNamingTheRegion()
  {
    assertStsError(() -> regionalClient(StsHosts.GLOBAL, Region.EU_WEST_1).getCallerIdentity(),
                   403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region, not 'eu-west-1'.");
  }

  @Test
  void aFipsEndpointAnswersRequestsSignedForItsRegion()
  {
    assertThat(regionalClient(StsHosts.fips("us-east-1"), Region.US_EAST_1).getCallerIdentity().arn())
        .isEqualTo(DRUID.arn());
  }

  @Test
  void theHostsFileTheseTestsResolveWithIsTheOneStsHostsWrites() throws Exception
  {
    final Path written = Files.createTempFile("sts-hosts", "");
    StsHosts.writeHostsFile(written, List.of("us-east-1", "eu-west-1"));

    assertThat(Files.readString(written)).isEqualTo(Files.readString(Path.of(System.getProperty("jdk.net.hosts.file"))));
  }

  private static StsClient regionalClient(final String host, final Region region)
  {
    return StsClient.builder()
                    .endpointOverride(sts.endpoint(host))
                    .region(region)
                    .credentialsProvider(StaticCredentialsProvider.create(basic(DRUID)))
                    .build();
  }

  private static AssumeRoleResponse assumeRole(final AwsCredentials caller, final String role, final int seconds)
  {
    return client(caller).assumeRole(r -> r.roleArn(role).roleSessionName("timed").durationSeconds(seconds));
  }

  private static AwsCredentials session(final AssumeRoleResponse response)
  {
    final Credentials issued = response.credentials();
    return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
  }

  private static AwsCredentials basic(final BaseUser user)
  {
    return AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey());
  }

  private static StsClient client(final AwsCredentials credentials)
  {
    return StsClient.builder()
                    .endpointOverride(sts.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .build();
  }

  /** AssumeRole by a client that gives up at the first error, so one call is one STS request. */
  private static void assumeRoleOnce()
  {
    StsClient.builder()
             .endpointOverride(sts.endpoint())
             .region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(basic(DRUID)))
             .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
             .build()
             .assumeRole(r -> r.roleArn(ROLE).roleSessionName("once").externalId(EXTERNAL_ID));
  }

  private static void assertStsError(
      final Runnable call,
      final int status,
      final String code,
      final String messagePart
  )
  {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(StsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(status);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
          assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
  }
}
