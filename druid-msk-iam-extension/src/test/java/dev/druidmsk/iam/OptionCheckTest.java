package dev.druidmsk.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** OptionCheck, the Druid-free check tools run, answers as the provider Druid's mapper builds. */
class OptionCheckTest
{
  static Stream<Arguments> invalidOptionSets()
  {
    return Stream.<Object[]>of(
        new Object[]{"roleArn", "arn:aws:iam::123456789012:rle/druid-msk-reader", "stsRegion", "eu-west-1"},
        new Object[]{"roleArn", ROLE_ARN, "externalId", "", "stsRegion", "eu-west-1"},
        new Object[]{"roleArn", ROLE_ARN, "stsRegion", "eu-west-1", "externalID", "druid-msk-3f9a2c"},
        new Object[]{"roleArn", ROLE_ARN, "profileName", "msk-reader"},
        new Object[]{"externalId", "druid-msk-3f9a2c"},
        new Object[]{"maxRetries", 11},
        new Object[]{"securityProtocol", "SSL"}
    ).map(keysAndValues -> Arguments.of((Object) keysAndValues));
  }

  @ParameterizedTest
  @MethodSource("invalidOptionSets")
  void anInvalidOptionSetGetsTheProvidersOwnMessage(Object[] keysAndValues)
  {
    final Throwable fromDruid = catchThrowable(() -> ProviderJson.provider(keysAndValues));

    assertThat(fromDruid).isNotNull();
    assertThat(fromDruid.getMessage()).contains(OptionCheck.problem(ProviderJson.options(keysAndValues)));
  }

  @Test
  void aValidOptionSetHasNoProblem()
  {
    assertThat(OptionCheck.problem(ProviderJson.options(
        "roleArn", ROLE_ARN, "externalId", "druid-msk-3f9a2c", "stsRegion", "eu-west-1", "maxRetries", 5,
        "allowDefaultCredentialsFallback", false, "credentialCache", "per-client"
    ))).isNull();
  }

  @Test
  void aValueOfTheWrongJsonTypeIsAProblem()
  {
    assertThat(OptionCheck.problem(ProviderJson.options("roleArn", ROLE_ARN, "stsRegion", List.of("eu-west-1"))))
        .isEqualTo("Invalid aws-msk-iam option 'stsRegion': must be text");
  }
}
