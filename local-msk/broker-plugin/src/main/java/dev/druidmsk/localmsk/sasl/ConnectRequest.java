package dev.druidmsk.localmsk.sasl;

import dev.druidmsk.localmsk.iam.SigV4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request that an AWS_MSK_IAM payload presigns: {@code GET https://<host>/?Action=kafka-cluster:Connect&...}
 * with only the host header signed.
 */
public final class ConnectRequest
{
  public static final String VERSION = "2020_10_22";
  public static final String ACTION = "kafka-cluster:Connect";
  public static final String SERVICE = "kafka-cluster";

  /** Payload keys and the query parameters they stand for, in the order the presigned URL has them. */
  private static final Map<String, String> SIGNED_QUERY = new TreeMap<>(Map.of(
      "action", "Action",
      "x-amz-algorithm", "X-Amz-Algorithm",
      "x-amz-credential", "X-Amz-Credential",
      "x-amz-date", "X-Amz-Date",
      "x-amz-expires", "X-Amz-Expires",
      "x-amz-security-token", "X-Amz-Security-Token",
      "x-amz-signedheaders", "X-Amz-SignedHeaders"
  ));

  private ConnectRequest()
  {
  }

  /** Rebuilds the canonical request from the payload fields (all but the signature itself). */
  public static String canonicalRequest(final Map<String, String> payload)
  {
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    SIGNED_QUERY.forEach((payloadKey, parameter) -> {
      final String value = payload.get(payloadKey);
      if (value != null) {
        query.add(Map.entry(parameter, value));
      }
    });
    final TreeMap<String, String> headers = new TreeMap<>(Map.of("host", payload.getOrDefault("host", "")));
    return SigV4.canonicalRequest("GET", "/", query, headers, SigV4.EMPTY_PAYLOAD_SHA256);
  }
}
