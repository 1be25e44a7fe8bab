package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** The few Overlord supervisor endpoints druid-msk uses, with readable errors. */
public final class OverlordClient
{
  private static final String SUPERVISOR_PATH = "/druid/indexer/v1/supervisor";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Redactor redactor;
  /** The option that set {@link #base}, so that connection errors name what to check. */
  private final String urlOption;

  OverlordClient(
      URI base,
      String urlOption,
      OverlordOptions.Credentials credentials,
      OverlordOptions.TrustSettings trust,
      Duration connectTimeout,
      Duration requestTimeout,
      Redactor redactor
  )
  {
    this.base = base;
    this.requestTimeout = requestTimeout;
    this.redactor = redactor;
    this.authorization = credentials == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)
    );
    redactor.register(authorization);
    final HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (trust != null) {
      builder.sslContext(TrustStores.sslContext(trust));
    }
    this.http = builder.build();
    this.urlOption = urlOption;
  }

  /** GETs a JSON document, or empty when Druid answers 404; {@code what} completes "Druid refused to ...". */
  public Optional<JsonNode> getJson(String pathAndQuery, String what)
  {
    final HttpResponse<String> response = send(get(pathAndQuery));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(json(checked(response, what)));
  }

  /** POSTs a JSON document and returns Druid's JSON answer; {@code what} completes "Druid refused to ...". */
  public JsonNode postJson(String pathAndQuery, JsonNode body, String what)
  {
    final HttpRequest request = request(pathAndQuery)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
    return json(checked(send(request), what));
  }

  /** The live spec of a supervisor, or empty if there is none with this ID. */
  public Optional<JsonNode> spec(String id)
  {
    final HttpResponse<String> response = send(get(supervisorPath(id)));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    final JsonNode spec = json(checked(response, "read the spec of supervisor '" + id + "'"));
    SecretFields.registerAll(spec, redactor);
    return Optional.of(spec);
  }

  JsonNode status(String id)
  {
    final HttpResponse<String> response = send(get(supervisorPath(id) + "/status"));
    if (response.statusCode() == 404) {
      throw new OverlordException(404, "No supervisor '" + id + "' on " + base + ": check the ID with the Druid console.");
    }
    return json(checked(response, "read the status of supervisor '" + id + "'"));
  }

  /** Creates or updates; Druid does not restart the supervisor when the spec is unchanged. */
  void submit(JsonNode spec)
  {
    final HttpRequest request = request(SUPERVISOR_PATH + "?skipRestartIfUnmodified=true")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(spec.toString(), StandardCharsets.UTF_8))
        .build();
    checked(send(request), "submit the spec");
  }

  /** POSTs a lifecycle action (suspend, resume) and returns Druid's answer. */
  JsonNode act(String id, String action)
  {
    final HttpRequest request = request(supervisorPath(id) + "/" + action)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    final HttpResponse<String> response = send(request);
    if (response.statusCode() == 404) {
      throw new OverlordException(404, "No supervisor '" + id + "' on " + base + ": check the ID with the Druid console.");
    }
    final JsonNode answer = json(checked(response, action + " supervisor '" + id + "'"));
    SecretFields.registerAll(answer, redactor);
    return answer;
  }

  public URI base()
  {
    return base;
  }

  private HttpRequest get(String path)
  {
    return request(path).header("Accept", "application/json").GET().build();
  }

  private HttpRequest.Builder request(String pathAndQuery)
  {
    final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(requestTimeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private static String supervisorPath(String id)
  {
    return SUPERVISOR_PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> send(HttpRequest request)
  {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
    catch (HttpConnectTimeoutException | ConnectException e) {
      throw new OverlordException(0, "Cannot connect to " + base + ": check " + urlOption + " and that Druid is up there.");
    }
    catch (HttpTimeoutException e) {
      throw new OverlordException(0, "No answer from " + base + " within --request-timeout: raise it or check the Druid service at " + urlOption + ".");
    }
    catch (IOException e) {
      throw new OverlordException(
          0,
          "Request to " + base + " failed (" + e.getClass().getSimpleName() + "): for https, check --truststore."
      );
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OverlordException(0, "Interrupted while talking to " + base + ".");
    }
  }

  private String checked(HttpResponse<String> response, String what)
  {
    final int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    if (status == 401) {
      throw new OverlordException(
          status,
          "The Overlord rejected the credentials (HTTP 401) trying to " + what + ": check --user and "
          + "DRUID_MSK_PASSWORD or --password-file."
      );
    }
    if (status == 403) {
      throw new OverlordException(
          status,
          "The user lacks permission (HTTP 403) to " + what + ": grant it WRITE on the datasource (Druid basic "
          + "authorizer) or use another --user."
      );
    }
    throw new OverlordException(status, "Druid refused to " + what + " (HTTP " + status + "): " + druidError(response.body()));
  }

  /** Druid puts its reason in `error` (and, since Druid 28, `errorMessage`). */
  private String druidError(String body)
  {
    String reason = body;
    try {
      final JsonNode node = MAPPER.readTree(body);
      if (node.hasNonNull("errorMessage")) {
        reason = node.get("errorMessage").asText();
      } else if (node.hasNonNull("error")) {
        reason = node.get("error").asText();
      }
    }
    catch (IOException e) {
      // Not JSON: a proxy's HTML page, for example; show its start.
    }
    final String oneLine = reason == null ? "" : reason.strip().replaceAll("\\s+", " ");
    return redactor.redact(oneLine.length() > 500 ? oneLine.substring(0, 500) + "..." : oneLine);
  }

  private JsonNode json(String body)
  {
    try {
      return MAPPER.readTree(body);
    }
    catch (IOException e) {
      throw new OverlordException(0, base + " answered with something that is not JSON: is " + urlOption + " the right Druid service (an Overlord, Broker or Router)?");
    }
  }
}
