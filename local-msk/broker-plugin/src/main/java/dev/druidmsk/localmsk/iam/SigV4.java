package dev.druidmsk.localmsk.iam;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, as both the local STS and the broker recompute it. Pure JDK, so that it can run inside
 * the broker process. Proven against the AWS SigV4 test-suite vectors in {@code SigV4Test}.
 */
public final class SigV4
{
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  public static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final HexFormat HEX = HexFormat.of();

  private SigV4()
  {
  }

  /**
   * The canonical request. {@code query} holds decoded names and values (encoded and sorted here);
   * {@code headers} maps lower-case names to raw values, and every one of them is signed.
   */
  public static String canonicalRequest(
      final String method,
      final String canonicalUri,
      final List<Map.Entry<String, String>> query,
      final SortedMap<String, String> headers,
      final String payloadSha256
  )
  {
    final StringBuilder request = new StringBuilder();
    request.append(method).append('\n').append(canonicalUri).append('\n');
    request.append(canonicalQuery(query)).append('\n');
    headers.forEach((name, value) -> request.append(name).append(':').append(canonicalHeaderValue(value)).append('\n'));
    request.append('\n').append(String.join(";", headers.keySet())).append('\n');
    request.append(payloadSha256);
    return request.toString();
  }

  public static String stringToSign(final String amzDate, final CredentialScope scope, final String canonicalRequest)
  {
    return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
  }

  public static String signature(
      final String secretAccessKey,
      final String amzDate,
      final CredentialScope scope,
      final String canonicalRequest
  )
  {
    final byte[] key = signingKey(secretAccessKey, scope);
    return HEX.formatHex(hmac(key, stringToSign(amzDate, scope, canonicalRequest)));
  }

  /** Compares two hex signatures in constant time. */
  public static boolean sameSignature(final String expected, final String actual)
  {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        actual.getBytes(StandardCharsets.US_ASCII)
    );
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 requires. */
  public static String uriEncode(final String value)
  {
    final StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      final char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(HEX.withUpperCase().toHexDigits(b));
      }
    }
    return encoded.toString();
  }

  public static String sha256Hex(final byte[] data)
  {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
    catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static byte[] hmac(final byte[] key, final String data)
  {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
    catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static String sha256Hex(final String data)
  {
    return sha256Hex(data.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] signingKey(final String secretAccessKey, final CredentialScope scope)
  {
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope.date());
    key = hmac(key, scope.region());
    key = hmac(key, scope.service());
    return hmac(key, CredentialScope.TERMINATOR);
  }

  private static String canonicalQuery(final List<Map.Entry<String, String>> query)
  {
    final List<Map.Entry<String, String>> encoded = new ArrayList<>();
    for (Map.Entry<String, String> parameter : query) {
      encoded.add(Map.entry(uriEncode(parameter.getKey()), uriEncode(parameter.getValue())));
    }
    return encoded.stream()
                  .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                  .map(parameter -> parameter.getKey() + '=' + parameter.getValue())
                  .collect(Collectors.joining("&"));
  }

  /** Trims the value and collapses runs of spaces, as SigV4 canonical headers do. */
  private static String canonicalHeaderValue(final String value)
  {
    return value.trim().replaceAll(" +", " ");
  }
}
