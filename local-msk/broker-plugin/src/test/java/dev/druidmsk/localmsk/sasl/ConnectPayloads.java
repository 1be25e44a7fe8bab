package dev.druidmsk.localmsk.sasl;

import dev.druidmsk.localmsk.iam.CredentialScope;
import dev.druidmsk.localmsk.iam.IssuedCredentials;
import dev.druidmsk.localmsk.iam.SigV4;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds AWS_MSK_IAM payloads, signed with our SigV4, for tests that need a payload the real client would not send. */
public final class ConnectPayloads
{
  private ConnectPayloads()
  {
  }

  public static Map<String, String> signed(
      final IssuedCredentials credentials,
      final String host,
      final String region,
      final Instant signedAt,
      final int expiresSeconds
  )
  {
    final CredentialScope scope = CredentialScope.of(signedAt, region, ConnectRequest.SERVICE);
    final Map<String, String> payload = new LinkedHashMap<>();
    payload.put("version", ConnectRequest.VERSION);
    payload.put("host", host);
    payload.put("user-agent", "druid-msk-tests");
    payload.put("action", ConnectRequest.ACTION);
    payload.put("x-amz-algorithm", SigV4.ALGORITHM);
    payload.put("x-amz-credential", credentials.accessKeyId() + '/' + scope);
    payload.put("x-amz-date", SigV4.AMZ_DATE.format(signedAt));
    payload.put("x-amz-security-token", credentials.sessionToken());
    payload.put("x-amz-signedheaders", "host");
    payload.put("x-amz-expires", Integer.toString(expiresSeconds));
    return resign(payload, credentials.secretAccessKey());
  }

  /** Signs the payload's fields as they are now, so that a test can change a field and still sign correctly. */
  public static Map<String, String> resign(final Map<String, String> payload, final String secret)
  {
    final Map<String, String> signed = new LinkedHashMap<>(payload);
    signed.remove("x-amz-signature");
    final String credential = signed.get("x-amz-credential");
    final String[] parts = credential.split("/");
    signed.put("x-amz-signature", SigV4.signature(
        secret,
        signed.get("x-amz-date"),
        new CredentialScope(parts[1], parts[2], parts[3]),
        ConnectRequest.canonicalRequest(signed)
    ));
    return signed;
  }

  public static String json(final Map<String, String> payload)
  {
    return FlatJson.write(payload);
  }
}
