package dev.druidmsk.localmsk.sts;

import dev.druidmsk.localmsk.iam.FakeSecrets;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.testing.ScopedSystemProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node's own identity from each source the AWS SDK v2 default chain reads on EKS and EC2 (IRSA, Pod Identity,
 * IMDSv2), driven by the SDK's own providers, and the reader role assumed from it with an external ID.
 */
class NodeIdentitiesTest
{
  private static final String ACCOUNT = "111111111111";
  private static final String NODE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/druid-node";
  private static final String READER = "arn:aws:iam::222222222222:role/msk-reader";
  private static final String EXTERNAL_ID = "kong-cross-account";
  private static final String SUBJECT = "system:serviceaccount:druid:druid";
  private static final String POD_TOKEN = FakeSecrets.marked("-pod-identity-token");

  private static final SessionCredentialAuthority AUTHORITY = SessionCredentialAuthority.withNewMasterKey();
  private static final LocalOidcIssuer OIDC = LocalOidcIssuer.create("oidc.eks.local-msk.example/id/TEST");
  private static final LocalOidcIssuer STRANGER_OIDC = LocalOidcIssuer.create("oidc.eks.elsewhere.example/id/X");
  private static LocalSts sts;
  private static NodeIdentityEndpoints endpoints;
  private static Path tokens;

  @BeforeAll
  static void start() throws IOException
  {
    final Role node = Role.trusting(NODE_ROLE, null, OIDC.providerArn(ACCOUNT));
    sts = LocalSts.builder(AUTHORITY)
                  .oidcIssuer(OIDC)
                  .role(node)
                  .role(Role.trusting(READER, EXTERNAL_ID, NODE_ROLE))
                  .start();
    endpoints = new NodeIdentityEndpoints(AUTHORITY, node, POD_TOKEN, node, Duration.ofHours(1), sts.counters());
    tokens = Files.createTempDirectory("node-identity");
  }

  @AfterAll
  static void stop()
  {
    endpoints.close();
    sts.close();
  }

  @Test
  void irsaTokenFileGivesTheNodeRoleAndTheReaderRoleIsAssumedFromIt() throws Exception
  {
    final Path token = tokens.resolve("irsa");
    OIDC.writeToken(token, SUBJECT, Duration.ofHours(24));

    final AwsCredentialsProvider node = webIdentity(token);

    assertThat(callerArn(node)).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/druid-node/druid-node");
    assertThat(readerCallerArn(node)).isEqualTo("arn:aws:sts::222222222222:assumed-role/msk-reader/reader");
  }

  @Test
  void aWebIdentityTokenForAnotherAudienceIsInvalidIdentityToken() throws Exception
  {
    final Path token = tokens.resolve("wrong-audience");
    Files.writeString(token, OIDC.token(SUBJECT, "some-other-audience", Instant.now().plusSeconds(3600)));

    assertStsError(webIdentity(token), "InvalidIdentityToken", "Incorrect token audience");
  }

  @Test
  void anExpiredWebIdentityTokenIsExpiredTokenException() throws Exception
  {
    final Path token = tokens.resolve("expired");
    Files.writeString(token, OIDC.token(SUBJECT, LocalOidcIssuer.STS_AUDIENCE, Instant.now().minusSeconds(1)));

    assertStsError(webIdentity(token), "ExpiredTokenException", "Token expired");
  }

  @Test
  void aTokenFromAnUnregisteredIssuerIsInvalidIdentityToken() throws Exception
  {
    final Path token = tokens.resolve("stranger");
    STRANGER_OIDC.writeToken(token, SUBJECT, Duration.ofHours(1));

    assertStsError(webIdentity(token), "InvalidIdentityToken", "No OpenIDConnect provider found");
  }

  @Test
  void aTokenSignedByAnotherKeyUnderTheSameIssuerIsInvalidIdentityToken() throws Exception
  {
    final LocalOidcIssuer forger = LocalOidcIssuer.create("oidc.eks.local-msk.example/id/TEST");
    final Path token = tokens.resolve("forged");
    forger.writeToken(token, SUBJECT, Duration.ofHours(1));

    assertStsError(webIdentity(token), "InvalidIdentityToken", "Incorrect token signature");
  }

  @Test
  void podIdentityAgentGivesTheNodeRoleForItsAuthorizationToken() throws Exception
  {
    final Path token = tokens.resolve("pod-identity");
    Files.writeString(token, POD_TOKEN);
    try (ScopedSystemProperties node = ScopedSystemProperties.set(Map.of(
        "aws.containerCredentialsFullUri", endpoints.podIdentityUri().toString(),
        "aws.containerAuthorizationTokenFile", token.toString()
    ))) {
      final AwsCredentialsProvider provider = ContainerCredentialsProvider.builder().build();

      assertThat(callerArn(provider)).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/druid-node/eks-local-msk-pod");
      assertThat(readerCallerArn(provider)).isEqualTo("arn:aws:sts::222222222222:assumed-role/msk-reader/reader");
    }
  }

  @Test
  void podIdentityAgentRefusesAWrongAuthorizationToken() throws Exception
  {
    final Path token = tokens.resolve("pod-identity-wrong");
    Files.writeString(token, "not-the-token");
    try (ScopedSystemProperties node = ScopedSystemProperties.set(Map.of(
        "aws.containerCredentialsFullUri", endpoints.podIdentityUri().toString(),
        "aws.containerAuthorizationTokenFile", token.toString()
    ))) {
      assertThatThrownBy(() -> ContainerCredentialsProvider.builder().build().resolveCredentials())
          .isInstanceOf(SdkClientException.class);
    }
  }

  @Test
  void instanceMetadataV2GivesTheInstanceProfileRole()
  {
    final AwsCredentialsProvider provider = InstanceProfileCredentialsProvider
        .builder()
        .endpoint(endpoints.instanceMetadataEndpoint().toString())
        .build();

    assertThat(callerArn(provider)).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/druid-node/i-0local0msk0node0");
    assertThat(readerCallerArn(provider)).isEqualTo("arn:aws:sts::222222222222:assumed-role/msk-reader/reader");
  }

  @Test
  void theReaderRoleRefusesANodeWithoutTheExternalId() throws Exception
  {
    final Path token = tokens.resolve("irsa-no-external-id");
    OIDC.writeToken(token, SUBJECT, Duration.ofHours(1));

    assertThatThrownBy(() -> sts(webIdentity(token)).assumeRole(r -> r.roleArn(READER).roleSessionName("reader")))
        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("AccessDenied"));
  }

  @Test
  void theBaseUserCannotUseAnotherNodesRoleThroughTheWebIdentityRole()
  {
    assertThatThrownBy(() -> sts(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "x")))
        .assumeRole(r -> r.roleArn(NODE_ROLE).roleSessionName("s1")))
        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("InvalidClientTokenId"));
  }

  private static AwsCredentialsProvider webIdentity(final Path token)
  {
    return StsWebIdentityTokenFileCredentialsProvider.builder()
                                                     .stsClient(sts(null))
                                                     .roleArn(NODE_ROLE)
                                                     .roleSessionName("druid-node")
                                                     .webIdentityTokenFile(token)
                                                     .build();
  }

  private static String callerArn(final AwsCredentialsProvider identity)
  {
    return sts(identity).getCallerIdentity().arn();
  }

  /** The cross-account step: the node's identity assumes the reader role with the external ID. */
  private static String readerCallerArn(final AwsCredentialsProvider node)
  {
    final var reader = sts(node).assumeRole(r -> r.roleArn(READER).roleSessionName("reader").externalId(EXTERNAL_ID))
                                .credentials();
    return sts(StaticCredentialsProvider.create(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
        reader.accessKeyId(), reader.secretAccessKey(), reader.sessionToken()
    ))).getCallerIdentity().arn();
  }

  private static StsClient sts(final AwsCredentialsProvider credentials)
  {
    final var builder = StsClient.builder().endpointOverride(sts.endpoint()).region(Region.US_EAST_1);
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  private static void assertStsError(final AwsCredentialsProvider provider, final String code, final String messagePart)
  {
    assertThatThrownBy(provider::resolveCredentials)
        .hasStackTraceContaining(code)
        .hasStackTraceContaining(messagePart);
  }
}
