package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.druidmsk.cli.input.SpecFiles;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Overlord's supervisor API as druid-msk uses it, in memory: specs are stored with what Druid 33 adds on
 * serialisation (defaults, context, flat copies), statuses follow a script chosen per submitted spec.
 */
final class OverlordStub implements AutoCloseable, AfterEachCallback
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BASE = "/druid/indexer/v1/supervisor";

  /** One request as received. */
  static final class Request
  {
    final String method;
    final String path;
    final String query;
    final String authorization;
    final String body;

    Request(String method, String path, String query, String authorization, String body)
    {
      this.method = method;
      this.path = path;
      this.query = query;
      this.authorization = authorization;
      this.body = body;
    }

    @Override
    public String toString()
    {
      return method + " " + path + (query == null ? "" : "?" + query);
    }
  }

  private final HttpServer server;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Map<String, ObjectNode> specs = new ConcurrentHashMap<>();
  private final Map<String, List<String>> states = new ConcurrentHashMap<>();
  /** Per supervisor, Druid's stored versions, newest first, as GET .../history returns them. */
  private final Map<String, List<ObjectNode>> history = new ConcurrentHashMap<>();
  private final AtomicInteger versions = new AtomicInteger();
  private final AtomicInteger failingStatusReads = new AtomicInteger();
  private volatile int statusFailure;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<JsonNode, List<String>> statesOfSubmitted = spec -> List.of("PENDING", "RUNNING");
  private volatile Function<JsonNode, String> rejection = spec -> null;
  private volatile String requiredAuthorization;
  private volatile String recentError;
  private volatile String currentError;
  private volatile Predicate<JsonNode> currentErrorSpec = spec -> false;

  /** A plain-http Overlord, stopped after each test when registered with @RegisterExtension. */
  static OverlordStub http()
  {
    try {
      return new OverlordStub(null);
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves https with this TLS context when it is not null. */
  OverlordStub(SSLContext tls) throws IOException
  {
    this(tls, false);
  }

  /** Serves https with this TLS context, refusing clients without a certificate it trusts when asked to. */
  OverlordStub(SSLContext tls, boolean needClientCertificate) throws IOException
  {
    final InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      final HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls)
      {
        @Override
        public void configure(HttpsParameters parameters)
        {
          final SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
          ssl.setNeedClientAuth(needClientCertificate);
          parameters.setSSLParameters(ssl);
        }
      });
      server = https;
    }
    server.createContext(BASE, this::handle);
    server.start();
  }

  String url()
  {
    final String scheme = server instanceof HttpsServer ? "https://localhost:" : "http://127.0.0.1:";
    return scheme + server.getAddress().getPort();
  }

  /** A supervisor already running, as Druid would return it. */
  OverlordStub running(JsonNode spec, String... stateScript)
  {
    final String id = SpecFiles.supervisorId(spec);
    store(id, druidView(spec));
    states.put(id, new ArrayList<>(List.of(stateScript.length == 0 ? new String[]{"RUNNING"} : stateScript)));
    return this;
  }

  /** The next {@code reads} status reads answer {@code status} (a 503 of an Overlord between leaders, say). */
  OverlordStub failingStatusReads(int reads, int status)
  {
    this.statusFailure = status;
    this.failingStatusReads.set(reads);
    return this;
  }

  /** Another operator's submit, as the Overlord stores it. */
  OverlordStub submittedElsewhere(JsonNode spec)
  {
    store(SpecFiles.supervisorId(spec), druidView(spec));
    return this;
  }

  private void store(String id, ObjectNode spec)
  {
    specs.put(id, spec);
    final ObjectNode version = MAPPER.createObjectNode();
    version.set("spec", spec.deepCopy());
    version.put("version", String.format("2026-11-25T20:%02d:00.000Z", versions.incrementAndGet()));
    history.computeIfAbsent(id, ignored -> Collections.synchronizedList(new ArrayList<>())).add(0, version);
  }

  /** The states each submitted spec goes through (the last one stays). */
  OverlordStub statesOfSubmitted(Function<JsonNode, List<String>> script)
  {
    this.statesOfSubmitted = script;
    return this;
  }

  /** The error message Druid answers a submitted spec with (HTTP 400), or null to accept it. */
  OverlordStub rejecting(Function<JsonNode, String> rejection)
  {
    this.rejection = rejection;
    return this;
  }

  OverlordStub requiringAuthorization(String header)
  {
    this.requiredAuthorization = header;
    return this;
  }

  /** An error Druid recorded before anything was submitted in the test. */
  OverlordStub withRecentError(String message)
  {
    this.recentError = message;
    return this;
  }

  /**
   * An error stamped at the time each status is read, as a supervisor failing on every run reports it, while the
   * running spec matches {@code failingSpec}.
   */
  OverlordStub withCurrentErrorWhile(Predicate<JsonNode> failingSpec, String message)
  {
    this.currentError = message;
    this.currentErrorSpec = failingSpec;
    return this;
  }

  List<Request> requests()
  {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Request> posts()
  {
    return requests().stream().filter(request -> "POST".equals(request.method)).toList();
  }

  JsonNode live(String id)
  {
    return specs.get(id);
  }

  @Override
  public void close()
  {
    if (stopped.compareAndSet(false, true)) {
      server.stop(0);
    }
  }

  @Override
  public void afterEach(ExtensionContext context)
  {
    close();
  }

  private void handle(HttpExchange exchange) throws IOException
  {
    try (exchange) {
      final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      final String path = exchange.getRequestURI().getRawPath();
      requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), authorization, body));
      if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
        respond(exchange, 401, "{\"error\":\"Unauthorized\"}");
        return;
      }
      final String rest = path.substring(BASE.length());
      if ("POST".equals(exchange.getRequestMethod()) && rest.isEmpty()) {
        submit(exchange, MAPPER.readTree(body));
        return;
      }
      final String[] parts = rest.substring(1).split("/");
      final String id = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      final ObjectNode spec = specs.get(id);
      if (parts.length > 1 && "history".equals(parts[1])) {
        final List<ObjectNode> versionsOfId = history.get(id);
        respond(exchange, versionsOfId == null ? 404 : 200, versionsOfId == null
                                                            ? "{\"error\":\"No history for [" + id + "].\"}"
                                                            : MAPPER.valueToTree(versionsOfId).toString());
      } else if (spec == null) {
        respond(exchange, 404, "{\"error\":\"Cannot find any supervisor with id: [" + id + "]\"}");
      } else if (parts.length == 1) {
        respond(exchange, 200, spec.toString());
      } else if ("status".equals(parts[1])) {
        if (failingStatusReads.getAndDecrement() > 0) {
          respond(exchange, statusFailure, "{\"error\":\"status unavailable\"}");
        } else {
          respond(exchange, 200, status(id, spec).toString());
        }
      } else {
        spec.put("suspended", "suspend".equals(parts[1]));
        store(id, spec);
        states.put(id, new ArrayList<>(List.of("suspend".equals(parts[1]) ? "SUSPENDED" : "RUNNING")));
        respond(exchange, 200, spec.toString());
      }
    }
  }

  private void submit(HttpExchange exchange, JsonNode spec) throws IOException
  {
    final String error = rejection.apply(spec);
    if (error != null) {
      respond(exchange, 400, MAPPER.createObjectNode().put("error", error).toString());
      return;
    }
    final String id = SpecFiles.supervisorId(spec);
    store(id, druidView(spec));
    states.put(id, new ArrayList<>(statesOfSubmitted.apply(spec)));
    respond(exchange, 200, MAPPER.createObjectNode().put("id", id).toString());
  }

  private ObjectNode status(String id, ObjectNode spec)
  {
    final List<String> script = states.get(id);
    final String state = script.size() > 1 ? script.remove(0) : script.get(0);
    final boolean healthy = !state.startsWith("UNHEALTHY") && !"LOST_CONTACT_WITH_STREAM".equals(state);
    final ObjectNode status = MAPPER.createObjectNode().put("id", id).put("generationTime", "2026-11-25T20:00:00.000Z");
    final ObjectNode payload = status.putObject("payload");
    payload.put("dataSource", id)
           .put("stream", spec.path("spec").path("ioConfig").path("topic").asText())
           .put("partitions", 3)
           .put("replicas", 1)
           .put("durationSeconds", 3600)
           .put("suspended", spec.path("suspended").asBoolean())
           .put("healthy", healthy)
           .put("state", state)
           .put("detailedState", "PENDING".equals(state) ? "CONNECTING_TO_STREAM" : state)
           .put("aggregateLag", 42);
    payload.putArray("activeTasks").addObject().put("id", "index_kafka_" + id + "_1");
    payload.putArray("publishingTasks");
    final var errors = payload.putArray("recentErrors");
    if (currentError != null && currentErrorSpec.test(spec)) {
      errors.addObject().put("timestamp", Instant.now().toString()).put("exceptionClass", "org.apache.kafka.common.errors.SaslAuthenticationException").put("message", currentError);
    }
    if (recentError != null) {
      errors.addObject().put("timestamp", "2026-11-25T20:00:01.000Z").put("exceptionClass", "org.apache.druid.java.util.common.ISE").put("message", recentError);
    }
    return status;
  }

  /** What Druid 33's GET returns for a submitted spec: defaults filled in, context, flat copies of the parts. */
  private static ObjectNode druidView(JsonNode submitted)
  {
    final ObjectNode view = submitted.deepCopy();
    final ObjectNode ingestion = (ObjectNode) view.get("spec");
    ((ObjectNode) ingestion.get("ioConfig")).put("completionTimeout", "PT30M").put("autoScalerConfig", (String) null);
    ((ObjectNode) ingestion.get("tuningConfig")).put("maxRowsInMemory", 150000).put("resetOffsetAutomatically", false);
    ((ObjectNode) ingestion.get("dataSchema").get("timestampSpec")).putNull("missingValue");
    view.set("dataSchema", ingestion.get("dataSchema"));
    view.set("ioConfig", ingestion.get("ioConfig"));
    view.set("tuningConfig", ingestion.get("tuningConfig"));
    view.putNull("context");
    if (!view.has("suspended")) {
      view.put("suspended", false);
    }
    return view;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException
  {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
