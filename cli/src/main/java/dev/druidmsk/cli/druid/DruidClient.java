package dev.druidmsk.cli.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.cli.common.Redactor;
import dev.druidmsk.cli.input.SecretFields;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
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
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Druid services druid-msk talks to, Overlord, Broker and Router alike: one way to authenticate (basic security),
 * to trust TLS, to call an endpoint of {@link DruidEndpoints} and to turn a failure into a {@link DruidException} that
 * names the fix.
 *
 * <p>A call that fails on the way (connection refused or reset, no answer, HTTP 502/503/504 from a proxy or from an
 * Overlord between leaders) is tried again, with jittered back-off, until {@code requestTimeout} has passed since
 * its first attempt, when Druid's semantics make that safe (see {@link Replay}). A standby Overlord's 307 redirect to
 * the leader is followed for the same endpoint over the same scheme; a Router proxies and needs none.
 */
public final class DruidClient
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Druid's (Calcite's) answer for a table it does not know: a datasource that has no segment yet. */
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Object '[^']*' not found\\b.*");
  /** Druid's answer to suspending a suspended supervisor, or resuming a running one. */
  private static final Pattern ALREADY_IN_STATE = Pattern.compile("\\[.*] is already (suspended|running)");
  /** Answers of a proxy or of an Overlord that knows no leader yet: the request did not take effect. */
  private static final Set<Integer> TRANSIENT_STATUSES = Set.of(502, 503, 504);
  private static final int MAX_REDIRECTS = 3;
  /**
   * Attempts at a call whose connection broke after it was opened. A restarting service refuses connections (tried
   * until the request timeout); a broken one is tried a few times only, since a server refusing the client's TLS
   * certificate looks the same to the client.
   */
  private static final int MAX_BROKEN_CONNECTION_ATTEMPTS = 3;

  /** Which failures of a call are tried again. */
  private enum Replay
  {
    /** Polls (health, readiness): their caller asks again, and 503 is an answer there, not a failure. */
    NEVER,
    /** Calls that must not take effect twice: sent again only when the connection could not be opened. */
    UNSENT_ONLY,
    /**
     * Reads, read-only POSTs (SQL, locked intervals) and POSTs Druid applies as an upsert or an idempotent state
     * change: a supervisor submit (skipRestartIfUnmodified) and suspend or resume.
     */
    SAFE
  }

  /** Druid's answer and how many attempts it took. */
  private record Exchange(HttpResponse<String> response, int attempts)
  {
  }

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Redactor redactor;
  /** The option that set {@link #base}, so that connection errors name what to check. */
  private final String urlOption;
  private final BackOff backOff;

  DruidClient(
      URI base,
      String urlOption,
      Credentials credentials,
      TrustSettings trust,
      ClientIdentity identity,
      Duration connectTimeout,
      Duration requestTimeout,
      Redactor redactor,
      BackOff backOff
  )
  {
    this.base = base;
    this.backOff = backOff;
    this.requestTimeout = requestTimeout;
    this.redactor = redactor;
    this.authorization = credentials == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)
    );
    redactor.register(authorization);
    final HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (trust != null || identity != null) {
      builder.sslContext(tls(trust, identity));
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
    return new DruidClient(
        base, base.toString(), null, null, null, CONNECT_TIMEOUT, requestTimeout, new Redactor(), BackOff.DEFAULT
    );
  }

  /** A TLS context with the given trust (else the JVM's CAs) and client certificate (else none). */
  private static SSLContext tls(TrustSettings trust, ClientIdentity identity)
  {
    try {
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          identity == null ? null : ClientCertificates.keyManagers(identity),
          trust == null ? null : TrustStores.trustManagers(trust),
          null
      );
      return context;
    }
    catch (GeneralSecurityException e) {
      throw new DruidException(0, "This JVM cannot set up TLS (" + e.getClass().getSimpleName() + ").");
    }
  }

  /** GETs a JSON document, or empty when Druid answers 404; {@code what} completes "Druid refused to ...". */
  public Optional<JsonNode> getJson(String pathAndQuery, String what)
  {
    final HttpResponse<String> response = send(get(pathAndQuery), Replay.SAFE);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(json(checked(response, what)));
  }

  /** POSTs a JSON document and returns Druid's JSON answer; {@code what} completes "Druid refused to ...". */
  public JsonNode postJson(String pathAndQuery, JsonNode body, String what)
  {
    return json(checked(send(jsonPost(pathAndQuery, body), Replay.UNSENT_ONLY), what));
  }

  /** A POST that only reads (SQL, locked intervals), so it may be sent again. */
  private JsonNode readingPost(String pathAndQuery, JsonNode body, String what)
  {
    return json(checked(send(jsonPost(pathAndQuery, body), Replay.SAFE), what));
  }

  /** POSTs without a body (an action such as terminateAll) and returns Druid's JSON answer. */
  public JsonNode post(String pathAndQuery, String what)
  {
    return json(checked(send(emptyPost(pathAndQuery), Replay.UNSENT_ONLY), what));
  }

  /** Whether the service's HTTP server is up ({@link DruidEndpoints#HEALTH}); it may not serve yet. */
  public boolean healthy()
  {
    final HttpResponse<String> response = send(get(DruidEndpoints.HEALTH), Replay.NEVER);
    return response.statusCode() == 200 && "true".equals(response.body().strip());
  }

  /**
   * Whether a readiness or leadership path answers 2xx: Druid answers 503 (readiness) or 404 (isLeader) until the
   * service serves.
   */
  public boolean ready(String path)
  {
    final int status = send(get(path), Replay.NEVER).statusCode();
    return status >= 200 && status < 300;
  }

  /** The live spec of a supervisor, or empty if there is none with this ID. */
  public Optional<JsonNode> spec(String id)
  {
    final HttpResponse<String> response = send(get(DruidEndpoints.supervisor(id)), Replay.SAFE);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    final JsonNode spec = json(checked(response, "read the spec of supervisor '" + id + "'"));
    SecretFields.registerAll(spec, redactor);
    return Optional.of(spec);
  }

  /**
   * The versions of a supervisor's spec Druid keeps, newest first (each {@code {"spec": ..., "version": ...}}), or
   * none when Druid has no history of this ID. Every submit, suspend and resume adds one.
   */
  public List<JsonNode> history(String id)
  {
    final List<JsonNode> versions = new ArrayList<>();
    getJson(DruidEndpoints.supervisorHistory(id), "read the spec history of supervisor '" + id + "'")
        .ifPresent(answer -> answer.forEach(versions::add));
    versions.forEach(version -> SecretFields.registerAll(version, redactor));
    return versions;
  }

  public JsonNode status(String id)
  {
    final HttpResponse<String> response = send(get(DruidEndpoints.supervisorStatus(id)), Replay.SAFE);
    if (response.statusCode() == 404) {
      throw noSupervisor(id);
    }
    return json(checked(response, "read the status of supervisor '" + id + "'"));
  }

  /** Creates or updates; Druid does not restart the supervisor when the spec is unchanged. */
  public void submit(JsonNode spec)
  {
    checked(
        send(jsonPost(DruidEndpoints.SUPERVISOR + "?skipRestartIfUnmodified=true", spec), Replay.SAFE),
        "submit the spec"
    );
  }

  /** POSTs a lifecycle action (suspend, resume) and returns Druid's answer. */
  public JsonNode act(String id, String action)
  {
    final Exchange exchange = exchange(emptyPost(DruidEndpoints.supervisor(id) + "/" + action), Replay.SAFE);
    final HttpResponse<String> response = exchange.response();
    if (response.statusCode() == 404) {
      throw noSupervisor(id);
    }
    if (exchange.attempts() > 1 && response.statusCode() == 400
        && ALREADY_IN_STATE.matcher(druidError(response.body())).matches()) {
      // An earlier attempt took effect before its answer was lost: the state asked for is the state there is.
      return spec(id).orElseThrow(() -> noSupervisor(id));
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
    return readingPost(DruidEndpoints.LOCKED_INTERVALS, lockFilter, what);
  }

  /** Druid SQL on a Broker or Router (see {@link DruidEndpoints#sqlBody}); {@code what} completes "Druid refused to". */
  public List<JsonNode> sql(String query, String what)
  {
    final List<JsonNode> rows = new ArrayList<>();
    readingPost(DruidEndpoints.SQL, DruidEndpoints.sqlBody(query), what).forEach(rows::add);
    return rows;
  }

  /**
   * The one number a one-row, one-column query returns: 0 for no row, a null, or a datasource that has no segment
   * yet. Any other error throws, so that a wrong query never reads as "nothing ingested yet".
   */
  public long sqlLong(String query, String what)
  {
    final HttpResponse<String> response = send(jsonPost(DruidEndpoints.SQL, DruidEndpoints.sqlBody(query)), Replay.SAFE);
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

  private HttpResponse<String> send(HttpRequest request, Replay replay)
  {
    return exchange(request, replay).response();
  }

  /**
   * Sends a request, following a leader redirect and trying again as {@code replay} allows until the request
   * timeout has passed since the first attempt; the last answer or failure is the caller's.
   */
  private Exchange exchange(HttpRequest request, Replay replay)
  {
    final long start = System.nanoTime();
    final long deadline = start + requestTimeout.toNanos();
    HttpRequest current = request;
    int attempts = 0;
    int redirects = 0;
    HttpResponse<String> lastAnswer = null;
    while (true) {
      attempts++;
      HttpResponse<String> response = null;
      DruidException failure = null;
      try {
        response = http.send(withTimeout(current, deadline), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      }
      catch (IOException e) {
        failure = failure(e);
        if (lastAnswer != null && System.nanoTime() >= deadline) {
          // The deadline cut this attempt short: the service's last answer says more than "no answer".
          return new Exchange(lastAnswer, attempts);
        }
        // A TLS failure (an untrusted certificate, a refused client certificate) is not going to pass.
        if (replay == Replay.NEVER || tlsFailure(e) || (replay == Replay.UNSENT_ONLY && !unsent(e))
            || (!unsent(e) && attempts >= MAX_BROKEN_CONNECTION_ATTEMPTS)) {
          throw attempts == 1 ? failure : withAttempts(failure, attempts, start);
        }
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DruidException(0, "Interrupted while talking to " + base + ".");
      }
      final boolean redirect = response != null && (response.statusCode() == 307 || response.statusCode() == 308);
      // A restarting Overlord names itself as the leader (its old registration) until the election is over.
      final boolean toItself = redirect && current.uri().equals(location(current, response));
      if (redirect && !toItself) {
        current = redirected(current, response, ++redirects);
        attempts--;
        continue;
      }
      if (response != null) {
        lastAnswer = response;
      }
      final boolean transientAnswer = toItself || (response != null && TRANSIENT_STATUSES.contains(response.statusCode()));
      if (response != null && (replay != Replay.SAFE || !transientAnswer)) {
        return new Exchange(response, attempts);
      }
      final Duration wait = backOff.after(attempts);
      if (System.nanoTime() + wait.toNanos() >= deadline) {
        if (response != null) {
          return new Exchange(response, attempts);
        }
        if (lastAnswer != null) {
          return new Exchange(lastAnswer, attempts);
        }
        throw attempts == 1 ? failure : withAttempts(failure, attempts, start);
      }
      sleep(wait);
    }
  }

  private static DruidException withAttempts(DruidException failure, int attempts, long start)
  {
    return new DruidException(
        0,
        failure.getMessage() + " (" + attempts + " attempts in " + Duration.ofNanos(System.nanoTime() - start).toMillis()
        + " ms, bounded by --request-timeout)"
    );
  }

  /** The request with what is left of the call's time as its own timeout. */
  private static HttpRequest withTimeout(HttpRequest request, long deadline)
  {
    final Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000L));
    return HttpRequest.newBuilder(request, (name, value) -> true).timeout(left).build();
  }

  /** An SSLException, or what the client reports when the server ends the connection over the handshake. */
  private static boolean tlsFailure(IOException e)
  {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  /** Connection refused or not opened in time: the request never reached Druid. */
  private static boolean unsent(IOException e)
  {
    return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
  }

  private DruidException failure(IOException e)
  {
    if (unsent(e)) {
      return new DruidException(0, "Cannot connect to " + base + ": check " + urlOption + " and that Druid is up there.");
    }
    if (e instanceof HttpTimeoutException) {
      return new DruidException(0, "No answer from " + base + " within --request-timeout: raise it or check the Druid service at " + urlOption + ".");
    }
    return new DruidException(
        0,
        "Request to " + base + " failed (" + e.getClass().getSimpleName() + "): for https, check --truststore, and "
        + "--client-cert or --client-keystore if Druid requires client certificates."
    );
  }

  /**
   * A standby Overlord answers 307 with the leader's URL of the same endpoint. Only such a redirect is followed
   * (same scheme, same path and query, a few hops), so credentials never go to another kind of endpoint.
   */
  private HttpRequest redirected(HttpRequest request, HttpResponse<String> response, int hops)
  {
    final URI target = location(request, response);
    final boolean sameEndpoint = target != null
                                 && base.getScheme().equals(target.getScheme())
                                 && Objects.equals(request.uri().getRawPath(), target.getRawPath())
                                 && Objects.equals(request.uri().getRawQuery(), target.getRawQuery());
    if (!sameEndpoint || hops > MAX_REDIRECTS) {
      throw new DruidException(
          response.statusCode(),
          base + " redirected " + request.uri().getRawPath() + " to "
          + (target == null ? "no location" : target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath())
          + (hops > MAX_REDIRECTS ? " after " + MAX_REDIRECTS + " redirects" : ", not the same endpoint over "
                                                                               + base.getScheme())
          + ": point " + urlOption + " at the leading Overlord or at a Router."
      );
    }
    return HttpRequest.newBuilder(request, (name, value) -> true).uri(target).build();
  }

  private static URI location(HttpRequest request, HttpResponse<String> response)
  {
    return response.headers().firstValue("Location").map(request.uri()::resolve).orElse(null);
  }

  private void sleep(Duration wait)
  {
    try {
      Thread.sleep(wait.toMillis());
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

  /**
   * The client certificate for TLS client authentication: a PEM {@code certificate} with its PEM {@code key}, or a
   * PKCS#12 {@code keystore} with its optional {@code password}.
   */
  record ClientIdentity(Path certificate, Path key, Path keystore, String password)
  {
    String describe()
    {
      return keystore != null ? "--client-keystore " + keystore : "--client-cert " + certificate + " --client-key " + key;
    }

    @Override
    public String toString()
    {
      return "ClientIdentity[" + describe() + ", password=" + Redactor.MASK + "]";
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
