package dev.druidmsk.iam;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static dev.druidmsk.iam.ProviderJson.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rule, one test each, checked through Druid's mapper as the Overlord would parse a spec. */
class OptionValidationTest
{
  private static AbstractThrowableAssert<?, ? extends Throwable> rejecting(Object... keysAndValues)
  {
    return assertThatThrownBy(() -> provider(keysAndValues)).isInstanceOf(IllegalArgumentException.class);
  }

  @Nested
  class RoleArn
  {
    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:iam::123456789012:role/druid-msk-reader",
        "arn:aws-cn:iam::123456789012:role/reader",
        "arn:aws-us-gov:iam::123456789012:role/team/ingest/reader+=,.@_-"
    })
    void acceptsRoleArnsOfEveryPartitionAndPath(String arn)
    {
      assertThatCode(() -> provider("roleArn", arn)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAQuoteThatWouldInjectJaasOptions()
    {
      rejecting("roleArn", ROLE_ARN + "\" awsAddDefaultProviders=\"true")
          .hasMessageContaining("'roleArn'")
          .hasMessageContaining("character '\"' at position 48")
          .hasMessageContaining("rejected, not escaped")
          .hasMessageContaining("Example of a valid value: arn:aws:iam::123456789012:role/druid-msk-reader");
    }

    @Test
    void rejectsASemicolonThatWouldEndTheJaasEntry()
    {
      rejecting("roleArn", ROLE_ARN + ";").hasMessageContaining("character ';'");
    }

    @Test
    void rejectsABackslash()
    {
      rejecting("roleArn", ROLE_ARN + "\\").hasMessageContaining("character '\\'");
    }

    @Test
    void rejectsANewlineAndNamesItByCodePoint()
    {
      rejecting("roleArn", ROLE_ARN + "\nx").hasMessageContaining("character U+000A");
    }

    @Test
    void rejectsTooShortValues()
    {
      rejecting("roleArn", "arn:aws:iam::1:r").hasMessageContaining("length must be 20 to 2048 characters, got 16");
    }

    @Test
    void rejectsCharactersOutsideTheArnAlphabet()
    {
      rejecting("roleArn", ROLE_ARN + "#1").hasMessageContaining("character '#'");
    }

    @Test
    void rejectsNonAsciiCharacters()
    {
      rejecting("roleArn", ROLE_ARN + "\u00e9").hasMessageContaining("character U+00E9");
    }

    @Test
    void rejectsAValueThatIsNotAnArn()
    {
      rejecting("roleArn", "role/druid-msk-reader-123456789012").hasMessageContaining("must have the form arn:");
    }

    @Test
    void rejectsAnUnknownPartition()
    {
      rejecting("roleArn", "arn:awz:iam::123456789012:role/reader")
          .hasMessageContaining("partition 'awz' is not an AWS partition");
    }

    @Test
    void rejectsAnAssumedRoleSessionArn()
    {
      rejecting("roleArn", "arn:aws:sts::123456789012:assumed-role/reader/session")
          .hasMessageContaining("service must be 'iam', got 'sts'");
    }

    @Test
    void rejectsARegionInTheArn()
    {
      rejecting("roleArn", "arn:aws:iam:us-east-1:123456789012:role/reader")
          .hasMessageContaining("region part must be empty");
    }

    @Test
    void rejectsAnAccountIdThatIsNotTwelveDigits()
    {
      rejecting("roleArn", "arn:aws:iam::12345678901:role/reader")
          .hasMessageContaining("account ID must be 12 digits, got '12345678901'");
    }

    @Test
    void rejectsAUserArn()
    {
      rejecting("roleArn", "arn:aws:iam::123456789012:user/reader")
          .hasMessageContaining("resource must be role/[<path>/]<role name>, got 'user/reader'");
    }

    @Test
    void rejectsARoleNameLongerThanSixtyFourCharacters()
    {
      rejecting("roleArn", "arn:aws:iam::123456789012:role/" + "r".repeat(65))
          .hasMessageContaining("role name must be 1 to 64");
    }

    @Test
    void rejectsAnEmptyPathSegment()
    {
      rejecting("roleArn", "arn:aws:iam::123456789012:role/team//reader")
          .hasMessageContaining("role path must be non-empty segments");
    }

    @Test
    void rejectsAnInvalidCharacterInTheRoleName()
    {
      rejecting("roleArn", "arn:aws:iam::123456789012:role/read:er").hasMessageContaining("role name must be");
    }
  }

  @Nested
  class RoleSessionName
  {
    @Test
    void rejectsOneCharacter()
    {
      rejecting("roleArn", ROLE_ARN, "roleSessionName", "d")
          .hasMessageContaining("'roleSessionName': length must be 2 to 64 characters, got 1")
          .hasMessageContaining("Example of a valid value: druid-ingest");
    }

    @Test
    void rejectsSixtyFiveCharacters()
    {
      rejecting("roleArn", ROLE_ARN, "roleSessionName", "d".repeat(65)).hasMessageContaining("got 65");
    }

    @Test
    void rejectsCharactersStsRejects()
    {
      rejecting("roleArn", ROLE_ARN, "roleSessionName", "druid/ingest")
          .hasMessageContaining("character '/' at position 6 is not allowed; allowed are letters, digits and");
    }

    @Test
    void rejectsWhitespace()
    {
      rejecting("roleArn", ROLE_ARN, "roleSessionName", "druid ingest").hasMessageContaining("character U+0020");
    }
  }

  @Nested
  class ExternalId
  {
    @Test
    void acceptsTheCharactersAwsAllows()
    {
      assertThat(provider("roleArn", ROLE_ARN, "externalId", "a+=,.@:/_-9").getExternalId()).isEqualTo("a+=,.@:/_-9");
    }

    @Test
    void rejectsOneCharacterWithoutEchoingIt()
    {
      rejecting("roleArn", ROLE_ARN, "externalId", "Q")
          .hasMessageContaining("'externalId': length must be 2 to 1224 characters, got 1")
          .hasMessageNotContaining("'Q'");
    }

    @Test
    void rejectsMoreThan1224Characters()
    {
      rejecting("roleArn", ROLE_ARN, "externalId", "e".repeat(1225)).hasMessageContaining("got 1225");
    }

    @Test
    void rejectsASingleQuoteWithoutEchoingTheValue()
    {
      rejecting("roleArn", ROLE_ARN, "externalId", "secret'tail")
          .hasMessageContaining("character ''' at position 7")
          .hasMessageNotContaining("secret");
    }

    @Test
    void rejectsCharactersAwsRejects()
    {
      rejecting("roleArn", ROLE_ARN, "externalId", "abc!def").hasMessageContaining("character '!'");
    }
  }

  @Nested
  class StsRegion
  {
    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "aws-global"})
    void acceptsRegions(String region)
    {
      assertThatCode(() -> provider("roleArn", ROLE_ARN, "stsRegion", region)).doesNotThrowAnyException();
    }

    @Test
    void rejectsUpperCase()
    {
      rejecting("roleArn", ROLE_ARN, "stsRegion", "US-EAST-1").hasMessageContaining("character 'U'");
    }

    @Test
    void rejectsSomethingThatIsNotARegion()
    {
      rejecting("roleArn", ROLE_ARN, "stsRegion", "useast1")
          .hasMessageContaining("'stsRegion': must be an AWS region such as us-east-1, or aws-global");
    }
  }

  @Nested
  class ProfileName
  {
    @Test
    void rejectsCharactersOutsideTheSafeSet()
    {
      rejecting("profileName", "team#1").hasMessageContaining("'profileName': character '#'");
    }
  }

  @Nested
  class Numbers
  {
    @Test
    void rejectsNegativeRetries()
    {
      rejecting("maxRetries", -1).hasMessageContaining("'maxRetries': must be between 0 and 10, got -1");
    }

    @Test
    void rejectsMoreThanTenRetries()
    {
      rejecting("maxRetries", 11).hasMessageContaining("got 11");
    }

    @Test
    void rejectsBackOffBelowOneHundredMilliseconds()
    {
      rejecting("maxBackOffTimeMs", 99).hasMessageContaining("'maxBackOffTimeMs': must be between 100 and 300000");
    }

    @Test
    void rejectsBackOffAboveFiveMinutes()
    {
      rejecting("maxBackOffTimeMs", 300_001).hasMessageContaining("got 300001");
    }

    @Test
    void rejectsTextWhereANumberBelongs()
    {
      rejecting("maxRetries", "three").hasMessageContaining("maxRetries");
    }
  }

  @Nested
  class SecurityProtocol
  {
    @ParameterizedTest
    @ValueSource(strings = {"PLAINTEXT", "SSL", "sasl_ssl"})
    void rejectsEverythingButTheTwoSaslProtocols(String protocol)
    {
      rejecting("securityProtocol", protocol).hasMessageContaining("'securityProtocol'");
    }
  }

  @Nested
  class Combinations
  {
    @Test
    void sessionNameNeedsARole()
    {
      rejecting("roleSessionName", "druid-ingest")
          .hasMessageContaining("'roleSessionName': it only applies when 'roleArn' is set");
    }

    @Test
    void externalIdNeedsARole()
    {
      rejecting("externalId", "abc").hasMessageContaining("'externalId': it only applies when 'roleArn' is set");
    }

    @Test
    void stsRegionNeedsARole()
    {
      rejecting("stsRegion", "us-east-1").hasMessageContaining("'stsRegion': it only applies when 'roleArn' is set");
    }

    @Test
    void roleAndProfileCannotBeCombined()
    {
      rejecting("roleArn", ROLE_ARN, "profileName", "p")
          .hasMessageContaining("'roleArn' and 'profileName' cannot be combined")
          .hasMessageContaining("AWS_PROFILE");
    }

    @Test
    void fallbackNeedsSomethingToFallBackFrom()
    {
      rejecting("allowDefaultCredentialsFallback", true)
          .hasMessageContaining("'allowDefaultCredentialsFallback': it only applies with 'roleArn' or 'profileName'");
    }
  }

  @Nested
  class UnknownOptions
  {
    @Test
    void aMisspelledOptionIsAnErrorThatSuggestsTheRightName()
    {
      rejecting("rolArn", ROLE_ARN).hasMessageContaining("Unknown aws-msk-iam option 'rolArn'. Did you mean 'roleArn'?");
    }

    @Test
    void aTypoIsReportedBeforeTheRuleItMakesAnotherOptionBreak()
    {
      // Without the typo's report the cause would be hidden behind "externalId only applies when roleArn is set".
      rejecting("rolArn", ROLE_ARN, "externalId", "ext-123")
          .hasMessageContaining("Unknown aws-msk-iam option 'rolArn'. Did you mean 'roleArn'?")
          .hasMessageNotContaining("only applies");
    }

    @Test
    void aTypoIsReportedFirstWhateverTheOrderOfTheJson()
    {
      final String json = "{\"externalId\":\"ext-123\",\"rolArn\":\"" + ROLE_ARN + "\",\"type\":\"aws-msk-iam\"}";

      assertThatThrownBy(() -> ProviderJson.MAPPER.readValue(json, org.apache.druid.metadata.DynamicConfigProvider.class))
          .hasMessageContaining("Unknown aws-msk-iam option 'rolArn'. Did you mean 'roleArn'?");
    }

    @Test
    void aForeignOptionListsTheKnownOnesWithoutEchoingItsValue()
    {
      rejecting("secretAccessKey", "wJalrXUtnFEMI-K7MDENG")
          .hasMessageContaining("Unknown aws-msk-iam option 'secretAccessKey'.")
          .hasMessageContaining("Known options: roleArn, roleSessionName, externalId")
          .hasMessageNotContaining("wJalrXUtnFEMI");
    }

    @Test
    void kinesisOptionNamesAreNotSilentlyIgnored()
    {
      rejecting("awsAssumedRoleArn", ROLE_ARN).hasMessageContaining("Unknown aws-msk-iam option 'awsAssumedRoleArn'");
    }
  }
}
