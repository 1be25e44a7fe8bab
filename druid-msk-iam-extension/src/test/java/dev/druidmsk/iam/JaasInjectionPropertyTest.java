package dev.druidmsk.iam;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile values for every text option, 10,000 per option: an accepted value never changes the set of JAAS options
 * Kafka parses (and arrives unaltered), and a rejected one is rejected with a message naming its option.
 */
class JaasInjectionPropertyTest
{
  private static final int TRIES = 10_000;
  private static final String HOSTILE = "\"'\\;= \t\r\n\u0000\u001b\u007f{}()[]*$#!%&|<>?`~\u00e9\u4e2d\u2028\ud83d\ude00";
  private static final String ARN_PREFIX = "arn:aws:iam::123456789012:role/";
  private static final Set<String> ROLE_KEYS = Set.of("awsRoleArn", "awsRoleSessionName", "awsAddDefaultProviders");

  @Property(tries = TRIES)
  void roleArn(@ForAll("roleArns") String value)
  {
    requireBothVerdicts();
    assertOptionIsInjectionProof("roleArn", "awsRoleArn", value, Map.of(), ROLE_KEYS);
  }

  @Property(tries = TRIES)
  void roleSessionName(@ForAll("names") String value)
  {
    requireBothVerdicts();
    assertOptionIsInjectionProof("roleSessionName", "awsRoleSessionName", value, Map.of("roleArn", ROLE_ARN), ROLE_KEYS);
  }

  @Property(tries = TRIES)
  void externalId(@ForAll("names") String value)
  {
    requireBothVerdicts();
    assertOptionIsInjectionProof("externalId", "awsRoleExternalId", value, Map.of("roleArn", ROLE_ARN), union(
        ROLE_KEYS,
        "awsRoleExternalId"
    ));
  }

  @Property(tries = TRIES)
  void stsRegion(@ForAll("regions") String value)
  {
    requireBothVerdicts();
    assertOptionIsInjectionProof("stsRegion", "awsStsRegion", value, Map.of("roleArn", ROLE_ARN), union(
        ROLE_KEYS,
        "awsStsRegion"
    ));
  }

  @Property(tries = TRIES)
  void profileName(@ForAll("names") String value)
  {
    requireBothVerdicts();
    assertOptionIsInjectionProof(
        "profileName",
        "awsProfileName",
        value,
        Map.of(),
        Set.of("awsProfileName", "awsAddDefaultProviders")
    );
  }

  @Property(tries = TRIES)
  void securityProtocol(@ForAll("protocols") String value)
  {
    requireBothVerdicts();
    final MskIamConfigProvider provider = acceptedOrNull("securityProtocol", value, Map.of());
    if (provider != null) {
      assertThat(provider.getConfig().get("security.protocol")).isEqualTo(value);
      assertThat(jaasOptions(provider)).isEmpty();
    }
  }

  @Property(tries = TRIES)
  void credentialCache(@ForAll("cacheModes") String value)
  {
    requireBothVerdicts();
    final MskIamConfigProvider provider = acceptedOrNull("credentialCache", value, Map.of("roleArn", ROLE_ARN));
    if (provider != null) {
      assertThat(provider.getConfig().get(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS)).isEqualTo(
          MskIamOptions.SHARED.equals(value)
          ? MskIamConfigProvider.SHARED_CALLBACK_HANDLER
          : MskIamConfigProvider.CALLBACK_HANDLER
      );
      assertThat(jaasOptions(provider).keySet()).isEqualTo(ROLE_KEYS);
    }
  }

  /** Fails the property if its generator never produced an accepted (or never a rejected) value. */
  private static void requireBothVerdicts()
  {
    Statistics.label("verdict").coverage(coverage -> {
      coverage.check("accepted").count(count -> count > 0);
      coverage.check("rejected").count(count -> count > 0);
    });
  }

  @Provide
  Arbitrary<String> roleArns()
  {
    final Arbitrary<String> tail = hostileOr("abcdefghijklmnopqrstuvwxyz0123456789+=,.@_-/");
    return Arbitraries.oneOf(tail.map(t -> ARN_PREFIX + t), tail.map(t -> "arn:aws:iam::" + t));
  }

  @Provide
  Arbitrary<String> names()
  {
    return hostileOr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@_-:/");
  }

  @Provide
  Arbitrary<String> regions()
  {
    final Arbitrary<String> tail = hostileOr("abcdefghijklmnopqrstuvwxyz0123456789-");
    return Arbitraries.oneOf(tail, tail.map(t -> "eu-west-" + t), tail.map(t -> "us-" + t + "-1"));
  }

  @Provide
  Arbitrary<String> protocols()
  {
    return Arbitraries.oneOf(
        hostileOr("SASL_PLAINTEXT"),
        Arbitraries.of("SASL_SSL", "SASL_PLAINTEXT").flatMap(p -> hostileOr("").map(s -> p + s))
    );
  }

  @Provide
  Arbitrary<String> cacheModes()
  {
    return Arbitraries.oneOf(
        hostileOr("per-clientshad"),
        Arbitraries.of("per-client", "shared").flatMap(mode -> hostileOr("").map(suffix -> mode + suffix))
    );
  }

  /** Strings of the option's own alphabet, sprinkled (or not) with characters that break or inject JAAS. */
  private static Arbitrary<String> hostileOr(String alphabet)
  {
    final Arbitrary<String> clean = alphabet.isEmpty()
                                    ? Arbitraries.just("")
                                    : Arbitraries.strings().withChars(alphabet.toCharArray()).ofMaxLength(70);
    final Arbitrary<String> dirty = Arbitraries.strings()
                                               .withChars((alphabet + HOSTILE).toCharArray())
                                               .ofMaxLength(70);
    return Arbitraries.frequencyOf(
        Tuple.of(1, clean),
        Tuple.of(2, dirty),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40))
    );
  }

  private static void assertOptionIsInjectionProof(
      String option,
      String jaasKey,
      String value,
      Map<String, Object> otherOptions,
      Set<String> expectedKeys
  )
  {
    final MskIamConfigProvider provider = acceptedOrNull(option, value, otherOptions);
    if (provider != null) {
      final Map<String, ?> parsed = jaasOptions(provider);
      assertThat(parsed.keySet()).isEqualTo(expectedKeys);
      assertThat(parsed.get(jaasKey)).isEqualTo(value);
    }
  }

  /** The provider if the value is accepted; otherwise checks the rejection names the option and returns null. */
  private static MskIamConfigProvider acceptedOrNull(String option, String value, Map<String, Object> otherOptions)
  {
    final List<Object> keysAndValues = new ArrayList<>();
    otherOptions.forEach((k, v) -> {
      keysAndValues.add(k);
      keysAndValues.add(v);
    });
    keysAndValues.add(option);
    keysAndValues.add(value);
    try {
      final MskIamConfigProvider provider = ProviderJson.provider(keysAndValues.toArray());
      Statistics.label("verdict").collect("accepted");
      return provider;
    }
    catch (IllegalArgumentException rejected) {
      Statistics.label("verdict").collect("rejected");
      assertThat(rejected.getMessage()).contains("aws-msk-iam option '" + option + "'");
      return null;
    }
  }

  private static Map<String, ?> jaasOptions(MskIamConfigProvider provider)
  {
    final JaasContext context = JaasContext.loadClientContext(Map.of(
        SaslConfigs.SASL_JAAS_CONFIG,
        new Password(provider.getConfig().get(SaslConfigs.SASL_JAAS_CONFIG))
    ));
    assertThat(context.configurationEntries()).hasSize(1);
    return context.configurationEntries().get(0).getOptions();
  }

  private static Set<String> union(Set<String> keys, String extra)
  {
    final Set<String> all = new HashSet<>(keys);
    all.add(extra);
    return all;
  }
}
