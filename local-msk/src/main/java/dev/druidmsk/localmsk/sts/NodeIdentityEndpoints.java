package dev.druidmsk.localmsk.sts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.druidmsk.localmsk.iam.IssuedCredentials;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credential endpoints a Druid node gets its own identity from, besides IRSA's web identity token: an EKS Pod
 * Identity agent ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with the token of
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} in the Authorization header) and an EC2 instance metadata service,
 * IMDSv2 only (PUT a session token, then GET the instance profile role's credentials with it). Both hand out
 * credentials of a role session issued by the same authority as the local STS, so that session can then assume a
 * reader role the local STS trusts it for. Served on 127.0.0.1, which the AWS SDK accepts over plain HTTP.
 */
public final class NodeIdentityEndpoints implements AutoCloseable
{
  static final String POD_IDENTITY = "PodIdentity";
  static final String INSTANCE_METADATA = "InstanceMetadata";
  private static final String POD_IDENTITY_PATH = "/v1/credentials";
  private static final String IMDS_TOKEN_PATH = "/latest/api/token";
  private static final String IMDS_ROLE_PATH = "/latest/meta-data/iam/security-credentials/";
  private static final String IMDS_TOKEN_HEADER = "X-aws-ec2-metadata-token";
  private static final String IMDS_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SessionCredentialAuthority authority;
  private final Role podRole;
  private final String podToken;
  private final Role instanceRole;
  private final Duration lifetime;
  private final CallCounters counters;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> imdsTokens = new ConcurrentHashMap<>();
  private final HttpServer server;

  /**
   * @param podRole      the role Pod Identity gives the pod, and {@code podToken} the agent requires
   * @param instanceRole the instance profile's role
   * @param lifetime     of the credentials handed out (EKS and EC2 give hours; shorter only for rotation tests)
   */
  public NodeIdentityEndpoints(
      final SessionCredentialAuthority authority,
      final Role podRole,
      final String podToken,
      final Role instanceRole,
      final Duration lifetime,
      final CallCounters counters
  ) throws IOException
  {
    this.authority = authority;
    this.podRole = podRole;
    this.podToken = podToken;
    this.instanceRole = instanceRole;
    this.lifetime = lifetime;
    this.counters = counters;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(POD_IDENTITY_PATH, this::podIdentity);
    server.createContext("/latest/", this::instanceMetadata);
    server.start();
  }

  /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} / {@code aws.containerCredentialsFullUri}. */
  public URI podIdentityUri()
  {
    return URI.create(base() + POD_IDENTITY_PATH);
  }

  /** {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} / {@code aws.ec2MetadataServiceEndpoint}. */
  public URI instanceMetadataEndpoint()
  {
    return URI.create(base());
  }

  @Override
  public void close()
  {
    server.stop(0);
  }

  private String base()
  {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void podIdentity(final HttpExchange exchange) throws IOException
  {
    try (exchange) {
      final String token = exchange.getRequestHeaders().getFirst("Authorization");
      if (!"GET".equals(exchange.getRequestMethod()) || token == null
          || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), podToken.getBytes(StandardCharsets.UTF_8))) {
        counters.record(POD_IDENTITY, CallCounters.Outcome.REFUSED, podRole.arn(), null);
        respond(exchange, 403, "application/json", "{\"Message\":\"Authorization token is missing or invalid\"}");
        return;
      }
      final IssuedCredentials credentials = issue(podRole, POD_IDENTITY, "eks-local-msk-pod");
      final Map<String, String> body = credentialJson(credentials);
      body.put("AccountId", podRole.account());
      respond(exchange, 200, "application/json", JSON.writeValueAsString(body));
    }
  }

  private void instanceMetadata(final HttpExchange exchange) throws IOException
  {
    try (exchange) {
      final String path = exchange.getRequestURI().getPath();
      if (IMDS_TOKEN_PATH.equals(path) && "PUT".equals(exchange.getRequestMethod())) {
        imdsToken(exchange);
        return;
      }
      if (!path.startsWith(IMDS_ROLE_PATH) || !"GET".equals(exchange.getRequestMethod())) {
        // Also the SDK's "security-credentials-extended" probe, which answers 404 where it is not offered.
        respond(exchange, 404, "text/plain", "Not Found");
        return;
      }
      final String token = exchange.getRequestHeaders().getFirst(IMDS_TOKEN_HEADER);
      final Instant expiry = token == null ? null : imdsTokens.get(token);
      if (expiry == null || !clock.instant().isBefore(expiry)) {
        // IMDSv2 only: no token, or an expired one, is 401, as on an instance requiring tokens.
        respond(exchange, 401, "text/plain", "Unauthorized");
        return;
      }
      final String roleName = instanceRole.name();
      final String asked = path.substring(IMDS_ROLE_PATH.length());
      if (asked.isEmpty()) {
        respond(exchange, 200, "text/plain", roleName);
      }
      else if (asked.equals(roleName)) {
        final Map<String, String> body = new LinkedHashMap<>();
        body.put("Code", "Success");
        body.put("LastUpdated", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        body.put("Type", "AWS-HMAC");
        body.putAll(credentialJson(issue(instanceRole, INSTANCE_METADATA, "i-0local0msk0node0")));
        respond(exchange, 200, "text/plain", JSON.writeValueAsString(body));
      }
      else {
        respond(exchange, 404, "text/plain", "Not Found");
      }
    }
  }

  private void imdsToken(final HttpExchange exchange) throws IOException
  {
    final String ttl = exchange.getRequestHeaders().getFirst(IMDS_TTL_HEADER);
    final long seconds;
    try {
      seconds = ttl == null ? -1 : Long.parseLong(ttl);
    }
    catch (NumberFormatException e) {
      respond(exchange, 400, "text/plain", "Bad Request");
      return;
    }
    if (seconds < 1 || seconds > 21_600) {
      respond(exchange, 400, "text/plain", "Bad Request");
      return;
    }
    final byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    final Instant now = clock.instant();
    // A node that asks for a token per call (the SDK does, near expiry) must not grow the map without end.
    imdsTokens.values().removeIf(expiry -> !now.isBefore(expiry));
    imdsTokens.put(token, now.plusSeconds(seconds));
    exchange.getResponseHeaders().set(IMDS_TTL_HEADER, Long.toString(seconds));
    respond(exchange, 200, "text/plain", token);
  }

  private IssuedCredentials issue(final Role role, final String source, final String sessionName)
  {
    counters.record(source, CallCounters.Outcome.ISSUED, role.arn(), sessionName);
    return authority.issue(role.assumedRoleArn(sessionName), clock.instant().plus(lifetime));
  }

  private static Map<String, String> credentialJson(final IssuedCredentials credentials)
  {
    final Map<String, String> body = new LinkedHashMap<>();
    body.put("AccessKeyId", credentials.accessKeyId());
    body.put("SecretAccessKey", credentials.secretAccessKey());
    body.put("Token", credentials.sessionToken());
    body.put("Expiration", DateTimeFormatter.ISO_INSTANT.format(credentials.expiration()));
    return body;
  }

  private static void respond(final HttpExchange exchange, final int status, final String type, final String text)
      throws IOException
  {
    final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
