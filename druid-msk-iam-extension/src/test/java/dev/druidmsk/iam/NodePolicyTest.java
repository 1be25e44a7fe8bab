package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import com.google.inject.Key;
import org.apache.druid.guice.DruidSecondaryModule;
import org.apache.druid.guice.StartupInjectorBuilder;
import org.apache.druid.guice.annotations.Json;
import org.apache.druid.metadata.DynamicConfigProvider;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static dev.druidmsk.iam.ProviderJson.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node policy as a Druid node binds it from runtime properties and enforces it where providers are parsed. */
class NodePolicyTest
{
  private static final String TEAM_A = "arn:aws:iam::123456789012:role/team-a-*";
  private static final String OTHER_ROLE = "arn:aws:iam::210987654321:role/team-b-reader";

  @AfterEach
  void uninstall()
  {
    NodePolicyHolder.install(MskIamNodePolicy.UNRESTRICTED);
  }

  /** A Druid injector with our module and these runtime properties, as a node makes it at start-up. */
  private static Injector node(String... keysAndValues)
  {
    final Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new StartupInjectorBuilder().withProperties(properties).add(new MskIamDruidModule()).build();
  }

  /** The node's JSON mapper, with the extension's Jackson modules and Guice injection as Druid sets them up. */
  private static ObjectMapper mapperOf(Injector injector)
  {
    final ObjectMapper mapper = injector.getInstance(Key.get(ObjectMapper.class, Json.class));
    mapper.registerModules(new MskIamDruidModule().getJacksonModules());
    DruidSecondaryModule.setupJackson(injector, mapper);
    return mapper;
  }

  private static Object parse(ObjectMapper mapper, Object... keysAndValues)
  {
    return mapper.convertValue(options(keysAndValues), DynamicConfigProvider.class);
  }

  @Test
  void aNodeWithoutPropertiesAllowsWhatItAllowsToday()
  {
    final ObjectMapper mapper = mapperOf(node());

    assertThatCode(() -> parse(mapper, "roleArn", OTHER_ROLE, "allowDefaultCredentialsFallback", true,
                               "securityProtocol", "SASL_PLAINTEXT")).doesNotThrowAnyException();
    assertThatCode(() -> parse(mapper, "profileName", "msk-reader")).doesNotThrowAnyException();
  }

  @Test
  void thePolicyIsBoundFromRuntimeProperties()
  {
    final MskIamNodePolicy policy = node(
        MskIamNodePolicy.ALLOWED_ROLE_ARNS, "[\"" + TEAM_A + "\"]",
        MskIamNodePolicy.ALLOW_PROFILES, "false",
        MskIamNodePolicy.ALLOW_DEFAULT_CREDENTIALS_FALLBACK, "false",
        MskIamNodePolicy.ALLOW_SASL_PLAINTEXT, "false"
    ).getInstance(MskIamNodePolicy.class);

    assertThat(policy.getAllowedRoleArns()).containsExactly(TEAM_A);
    assertThat(policy.isAllowProfiles()).isFalse();
    assertThat(policy.isAllowDefaultCredentialsFallback()).isFalse();
    assertThat(policy.isAllowSaslPlaintext()).isFalse();
  }

  @Test
  void aRoleMatchingAnAllowedPatternIsParsed()
  {
    final ObjectMapper mapper = mapperOf(node(MskIamNodePolicy.ALLOWED_ROLE_ARNS, "[\"" + TEAM_A + "\"]"));

    assertThatCode(() -> parse(mapper, "roleArn", "arn:aws:iam::123456789012:role/team-a-reader"))
        .doesNotThrowAnyException();
  }

  @Test
  void aRoleOutsideTheAllowedPatternsIsRefusedNamingTheProperty()
  {
    final ObjectMapper mapper = mapperOf(node(MskIamNodePolicy.ALLOWED_ROLE_ARNS, "[\"" + TEAM_A + "\"]"));

    assertThatThrownBy(() -> parse(mapper, "roleArn", OTHER_ROLE, "externalId", "shared-secret-id"))
        .hasMessageContaining("AWS MSK IAM role " + OTHER_ROLE + " is not allowed on this Druid node: "
                              + "druid.msk.iam.allowedRoleArns is [" + TEAM_A + "]")
        .hasMessageNotContaining("shared-secret-id");
  }

  @Test
  void aStarMatchesAcrossSlashesSoAPathIsCovered()
  {
    final MskIamNodePolicy policy = new MskIamNodePolicy(List.of("arn:aws:iam::123456789012:role/*"), null, null, null);

    assertThatCode(() -> policy.checkProvider("arn:aws:iam::123456789012:role/team/x/reader", null, false, null))
        .doesNotThrowAnyException();
  }

  @Test
  void anEmptyListAllowsNoRoleButStillTheNodesOwnIdentity()
  {
    final MskIamNodePolicy policy = new MskIamNodePolicy(List.of(), null, null, null);

    assertThatThrownBy(() -> policy.checkProvider(ROLE_ARN, null, false, null))
        .hasMessageContaining("druid.msk.iam.allowedRoleArns is []");
    assertThatCode(() -> policy.checkProvider(null, null, false, null)).doesNotThrowAnyException();
  }

  @Test
  void aProfileIsRefusedWhenProfilesAreNotAllowed()
  {
    final ObjectMapper mapper = mapperOf(node(MskIamNodePolicy.ALLOW_PROFILES, "false"));

    assertThatThrownBy(() -> parse(mapper, "profileName", "msk-reader"))
        .hasMessageContaining("profile msk-reader is not allowed on this Druid node: druid.msk.iam.allowProfiles is false");
  }

  @Test
  void theFallbackIsRefusedWhenTheNodeForbidsIt()
  {
    final ObjectMapper mapper = mapperOf(node(MskIamNodePolicy.ALLOW_DEFAULT_CREDENTIALS_FALLBACK, "false"));

    assertThatThrownBy(() -> parse(mapper, "roleArn", ROLE_ARN, "allowDefaultCredentialsFallback", true))
        .hasMessageContaining("druid.msk.iam.allowDefaultCredentialsFallback is false");
    assertThatCode(() -> parse(mapper, "roleArn", ROLE_ARN)).doesNotThrowAnyException();
  }

  @Test
  void saslPlaintextIsRefusedWhenTheNodeForbidsIt()
  {
    final ObjectMapper mapper = mapperOf(node(MskIamNodePolicy.ALLOW_SASL_PLAINTEXT, "false"));

    assertThatThrownBy(() -> parse(mapper, "securityProtocol", "SASL_PLAINTEXT"))
        .hasMessageContaining("SASL_PLAINTEXT is not allowed on this Druid node: druid.msk.iam.allowSaslPlaintext is false");
  }

  @Test
  void anInvalidPatternIsRefusedNamingTheProperty()
  {
    assertThatThrownBy(() -> node(MskIamNodePolicy.ALLOWED_ROLE_ARNS, "[\"arn:aws:iam::1:role/a b\"]")
        .getInstance(MskIamNodePolicy.class))
        .hasMessageContaining("Invalid druid.msk.iam.allowedRoleArns entry 'arn:aws:iam::1:role/a b'");
  }

  @Test
  void theModuleInstallsTheBoundPolicyForTheCallbackHandler()
  {
    node(MskIamNodePolicy.ALLOWED_ROLE_ARNS, "[\"" + TEAM_A + "\"]");

    assertThat(NodePolicyHolder.current().getAllowedRoleArns()).containsExactly(TEAM_A);
  }

  @Test
  void aHandWrittenJaasEntryIsHeldToTheSamePolicy()
  {
    final MskIamNodePolicy policy = new MskIamNodePolicy(List.of(TEAM_A), false, false, false);

    assertThatThrownBy(() -> policy.checkJaas(Map.of("awsRoleArn", OTHER_ROLE), "SASL_SSL"))
        .hasMessageContaining("druid.msk.iam.allowedRoleArns");
    // The library appends the default chain unless told not to.
    assertThatThrownBy(() -> policy.checkJaas(
        Map.of("awsRoleArn", "arn:aws:iam::123456789012:role/team-a-x"), "SASL_SSL"))
        .hasMessageContaining("druid.msk.iam.allowDefaultCredentialsFallback");
    assertThatThrownBy(() -> policy.checkJaas(Map.of("awsProfileName", "p"), "SASL_SSL"))
        .hasMessageContaining("druid.msk.iam.allowProfiles");
    assertThatThrownBy(() -> policy.checkJaas(Map.of(), "SASL_PLAINTEXT"))
        .hasMessageContaining("druid.msk.iam.allowSaslPlaintext");
  }

  @Test
  void theSharedHandlerRefusesAHandWrittenJaasWithAForbiddenRole()
  {
    NodePolicyHolder.install(new MskIamNodePolicy(List.of(TEAM_A), null, null, null));
    final String jaas = "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"" + OTHER_ROLE + "\";";
    final JaasContext context =
        JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)));
    final SharedCredentialsCallbackHandler handler =
        new SharedCredentialsCallbackHandler(FakeCredentialSource.cache(new FakeClock(), new ArrayList<>()));

    assertThatThrownBy(() -> handler.configure(
        Map.of("security.protocol", "SASL_SSL"), "AWS_MSK_IAM", context.configurationEntries()
    )).hasMessageContaining("AWS MSK IAM role " + OTHER_ROLE + " is not allowed on this Druid node: "
                            + "druid.msk.iam.allowedRoleArns is [" + TEAM_A + "]");
  }
}
