package dev.druidmsk.localmsk.iam;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our SigV4 implementation against published vectors: cases of the AWS Signature Version 4 test suite
 * (credentials AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service") and the IAM ListUsers example of the
 * AWS General Reference. Cross-checked against the AWS SDK v2 signer in {@code SigV4SdkOracleTest}.
 */
class SigV4Test
{
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String DATE = "20150830T123600Z";
  private static final CredentialScope SUITE_SCOPE = new CredentialScope("20150830", "us-east-1", "service");

  @Test
  void getVanillaMatchesTheTestSuite()
  {
    final String canonical = SigV4.canonicalRequest("GET", "/", List.of(), suiteHeaders(), SigV4.EMPTY_PAYLOAD_SHA256);

    assertThat(canonical).isEqualTo(
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
        + SigV4.EMPTY_PAYLOAD_SHA256
    );
    assertThat(SigV4.stringToSign(DATE, SUITE_SCOPE, canonical)).isEqualTo(
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
    );
    assertThat(SigV4.signature(SECRET, DATE, SUITE_SCOPE, canonical))
        .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void postVanillaMatchesTheTestSuite()
  {
    final String canonical = SigV4.canonicalRequest("POST", "/", List.of(), suiteHeaders(), SigV4.EMPTY_PAYLOAD_SHA256);

    assertThat(SigV4.signature(SECRET, DATE, SUITE_SCOPE, canonical))
        .isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  }

  @Test
  void queryParametersAreSortedByKeyAsInTheTestSuite()
  {
    final String canonical = SigV4.canonicalRequest(
        "GET",
        "/",
        List.of(Map.entry("Param2", "value2"), Map.entry("Param1", "value1")),
        suiteHeaders(),
        SigV4.EMPTY_PAYLOAD_SHA256
    );

    assertThat(canonical).startsWith("GET\n/\nParam1=value1&Param2=value2\n");
    assertThat(SigV4.signature(SECRET, DATE, SUITE_SCOPE, canonical))
        .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  @Test
  void iamListUsersMatchesTheGeneralReferenceExample()
  {
    final TreeMap<String, String> headers = new TreeMap<>(Map.of(
        "content-type", "application/x-www-form-urlencoded; charset=utf-8",
        "host", "iam.amazonaws.com",
        "x-amz-date", DATE
    ));
    final String canonical = SigV4.canonicalRequest(
        "GET",
        "/",
        List.of(Map.entry("Action", "ListUsers"), Map.entry("Version", "2010-05-08")),
        headers,
        SigV4.EMPTY_PAYLOAD_SHA256
    );
    final CredentialScope scope = new CredentialScope("20150830", "us-east-1", "iam");

    assertThat(SigV4.stringToSign(DATE, scope, canonical)).endsWith(
        "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
    );
    assertThat(SigV4.signature(SECRET, DATE, scope, canonical))
        .isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  }

  @Test
  void headerValuesAreTrimmedAndSpacesCollapsed()
  {
    final TreeMap<String, String> headers = new TreeMap<>(Map.of("host", " a   b  ", "x-amz-date", DATE));

    assertThat(SigV4.canonicalRequest("GET", "/", List.of(), headers, SigV4.EMPTY_PAYLOAD_SHA256))
        .contains("\nhost:a b\n");
  }

  @Test
  void uriEncodingKeepsOnlyUnreservedCharacters()
  {
    assertThat(SigV4.uriEncode("kafka-cluster:Connect")).isEqualTo("kafka-cluster%3AConnect");
    assertThat(SigV4.uriEncode("a/b+c=d~e_f.g h")).isEqualTo("a%2Fb%2Bc%3Dd~e_f.g%20h");
    assertThat(SigV4.uriEncode("é")).isEqualTo("%C3%A9");
  }

  @Test
  void emptyPayloadHashIsTheSha256OfNothing()
  {
    assertThat(SigV4.sha256Hex("".getBytes(StandardCharsets.UTF_8))).isEqualTo(SigV4.EMPTY_PAYLOAD_SHA256);
  }

  private static TreeMap<String, String> suiteHeaders()
  {
    return new TreeMap<>(Map.of("host", "example.amazonaws.com", "x-amz-date", DATE));
  }
}
