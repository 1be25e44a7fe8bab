package dev.druidmsk.cli.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.cli.common.Redactor;
import dev.druidmsk.cli.input.SecretFields;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Druid services druid-msk talks to, Overlord, Broker and Router alike: one way to authenticate (basic security),
 * to trust TLS, to call an endpoint of {@link DruidEndpoints} and to turn a failure into a {@link DruidException} that
 * names the fix.
 */
public final class DruidClient
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Druid's (Calcite's) answer for a table it does not know: a datasource that has no segment yet. */
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Object '[^']*' not found\\b.*");

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Redactor redactor;
  /** The option that set {@link #base}, so that connection errors name what to check. */
  private final String urlOption;

  DruidClient(
      URI base,
      String urlOption,
      Credentials credentials,
      TrustSettings trust,
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

  /**
   * A client of a service that needs neither login nor a truststore, such as a local cluster's; errors name
   * {@code base} where they would name the CLI's URL option.
   */
  public static DruidClient unauthenticated(URI base, Duration requestTimeout)
  {
    return new DruidClient(base, base.toString(), null, null, CONNECT_TIMEOUT, requestTimeout, new Redactor());
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
    return json(checked(send(jsonPost(pathAndQuery, body)), what));
  }

  /** POSTs without a body (an action such as terminateAll) and returns Druid's JSON answer. */
  public JsonNode post(String pathAndQuery, String what)
  {
    return json(checked(send(emptyPost(pathAndQuery)), what));
  }

  /** Whether the service's HTTP server is up ({@link DruidEndpoints#HEALTH}); it may not serve yet. */
  public boolean healthy()
  {
    final HttpResponse<String> response = send(get(DruidEndpoints.HEALTH));
    return response.statusCode() == 200 && "true".equals(response.body().strip());
  }

  /**
   * Whether a readiness or leadership path answers 2xx: Druid answers 503 (readiness) or 404 (isLeader) until the
   * service serves.
   */
  public boolean ready(String path)
  {
    final int status = send(get(path)).statusCode();
    return status >= 200 && status < 300;
  }

  /** The live spec of a supervisor, or empty if there is none with this ID. */
  public Optional<JsonNode> spec(String id)
  {
    final HttpResponse<String> response = send(get(DruidEndpoints.supervisor(id)));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    final JsonNode spec = json(checked(response, "read the spec of supervisor '" + id + "'"));
    SecretFields.registerAll(spec, redactor);
    return Optional.of(spec);
  }

  public JsonNode status(String id)
  {
    final HttpResponse<String> response = send(get(DruidEndpoints.supervisorStatus(id)));
    if (response.statusCode() == 404) {
      throw noSupervisor(id);
    }
    return json(checked(response, "read the status of supervisor '" + id + "'"));
  }

  /** Creates or updates; Druid does not restart the supervisor when the spec is unchanged. */
  public void submit(JsonNode spec)
  {
    checked(send(jsonPost(DruidEndpoints.SUPERVISOR + "?skipRestartIfUnmodified=true", spec)), "submit the spec");
  }

  /** POSTs a lifecycle action (suspend, resume) and returns Druid's answer. */
  public JsonNode act(String id, String action)
  {
    final HttpResponse<String> response = send(emptyPost(DruidEndpoints.supervisor(id) + "/" + action));
    if (response.statusCode() == 404) {
      throw noSupervisor(id);
    }
    final JsonNode answer = json(checked(response, action + " supervisor '" + id + "'"));
    SecretFields.registerAll(answer, redactor);
    return answer;
  }

  /** Submits a task to the Overlord. */
  public void submitTask(JsonNode task)
  {
    postJson(DruidEndpoints.TASK, task, "accept task '" + task.path("id").asText() + "'");
  }

  /** A task's status object, or empty when the Overlord knows no task with this id. */
  public Optional<JsonNode> taskStatus(String id)
  {
    return getJson(DruidEndpoints.taskStatus(id), "read the status of task '" + id + "'")
        .map(answer -> answer.path("status"))
        .filter(JsonNode::isObject);
  }

  /** A task's reports, or empty when Druid keeps none. */
  public Optional<JsonNode> taskReports(String id)
  {
    return getJson(DruidEndpoints.task(id) + "/reports", "read the reports of task '" + id + "'");
  }

  /** Marks a datasource's segments wholly inside the ISO interval unused; returns how many changed. */
  public int markUnused(String dataSource, String interval)
  {
    return postJson(
        DruidEndpoints.markUnused(dataSource),
        DruidEndpoints.markUnusedBody(interval),
        "mark segments of '" + dataSource + "' in " + interval + " unused"
    ).path("numChangedSegments").asInt();
  }

  /** The intervals tasks hold locks on, per datasource, for the lock filter of Druid's lockedIntervals API. */
  public JsonNode lockedIntervals(JsonNode lockFilter, String what)
  {
    return postJson(DruidEndpoints.LOCKED_INTERVALS, lockFilter, what);
  }

  /** Druid SQL on a Broker or Router (see {@link DruidEndpoints#sqlBody}); {@code what} completes "Druid refused to". */
  public List<JsonNode> sql(String query, String what)
  {
    final List<JsonNode> rows = new ArrayList<>();
    postJson(DruidEndpoints.SQL, DruidEndpoints.sqlBody(query), what).forEach(rows::add);
    return rows;
  }

  /**
   * The one number a one-row, one-column query returns: 0 for no row, a null, or a datasource that has no segment
   * yet. Any other error throws, so that a wrong query never reads as "nothing ingested yet".
   */
  public long sqlLong(String query, String what)
  {
    final HttpResponse<String> response = send(jsonPost(DruidEndpoints.SQL, DruidEndpoints.sqlBody(query)));
    if (response.statusCode() == 400 && TABLE_NOT_FOUND.matcher(druidError(response.body())).matches()) {
      return 0;
    }
    final JsonNode row = json(checked(response, what)).path(0);
    final JsonNode value = row.isObject() && row.size() > 0 ? row.elements().next() : row;
    if (value.isNull() || value.isMissingNode()) {
      return 0;
    }
    if (!value.isNumber()) {
      throw new DruidException(response.statusCode(), "The query to " + what + " returned " + value.getNodeType()
                                                      + ", not a number: select one numeric column.");
    }
    return value.asLong();
  }

  public URI base()
  {
    return base;
  }

  private DruidException noSupervisor(String id)
  {
    return new DruidException(404, "No supervisor '" + id + "' on " + base + ": check the ID with the Druid console.");
  }

  private HttpRequest get(String path)
  {
    return request(path).header("Accept", "application/json").GET().build();
  }

  private HttpRequest jsonPost(String pathAndQuery, JsonNode body)
  {
    return request(pathAndQuery)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest emptyPost(String pathAndQuery)
  {
    return request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  private HttpRequest.Builder request(String pathAndQuery)
  {
    final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(requestTimeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request)
  {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
    catch (HttpConnectTimeoutException | ConnectException e) {
      throw new DruidException(0, "Cannot connect to " + base + ": check " + urlOption + " and that Druid is up there.");
    }
    catch (HttpTimeoutException e) {
      throw new DruidException(0, "No answer from " + base + " within --request-timeout: raise it or check the Druid service at " + urlOption + ".");
    }
    catch (IOException e) {
      throw new DruidException(
          0,
          "Request to " + base + " failed (" + e.getClass().getSimpleName() + "): for https, check --truststore."
      );
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DruidException(0, "Interrupted while talking to " + base + ".");
    }
  }

  private String checked(HttpResponse<String> response, String what)
  {
    final int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    if (status == 401) {
      throw new DruidException(
          status,
          "The Overlord rejected the credentials (HTTP 401) trying to " + what + ": check --user and "
          + "DRUID_MSK_PASSWORD or --password-file."
      );
    }
    if (status == 403) {
      throw new DruidException(
          status,
          "The user lacks permission (HTTP 403) to " + what + ": grant it WRITE on the datasource (Druid basic "
          + "authorizer) or use another --user."
      );
    }
    throw new DruidException(status, "Druid refused to " + what + " (HTTP " + status + "): " + druidError(response.body()));
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
      throw new DruidException(0, base + " answered with something that is not JSON: is " + urlOption + " the right Druid service (an Overlord, Broker or Router)?");
    }
  }

  /** A Druid basic-security login. */
  record Credentials(String user, String password)
  {
    @Override
    public String toString()
    {
      return "Credentials[user=" + user + ", password=" + Redactor.MASK + "]";
    }
  }

  /** A truststore file and its optional password. */
  record TrustSettings(Path file, String password)
  {
    @Override
    public String toString()
    {
      return "TrustSettings[file=" + file + ", password=" + Redactor.MASK + "]";
    }
  }
}
