package dev.druidmsk.cli.druid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.druidmsk.cli.common.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries, back-off and leader redirects, against a JDK HTTP server that fails on cue. */
class DruidClientRetryTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final BackOff FAST = new BackOff(Duration.ofMillis(20), Duration.ofMillis(100));
  /**
   * A --request-timeout the tests' first try always fits in: with 800 ms, a first request on a loaded build machine
   * (cold HTTP client, beside other modules' suites) once took it all, and the second try was never made.
   */
  private static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofSeconds(3);
  private static final String SPEC = "{\"type\":\"kafka\",\"id\":\"telemetry\"}";

  private final List<FailingServer> servers = new ArrayList<>();

  @AfterEach
  void stop()
  {
    servers.forEach(server -> server.http.stop(0));
  }

  /** What the server does with one request. */
  @FunctionalInterface
  private interface Cue
  {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** Answers each request with the next cue, the last one for ever; records method, path and Authorization. */
  private final class FailingServer
  {
    final HttpServer http;
    final ConcurrentLinkedQueue<Cue> cues = new ConcurrentLinkedQueue<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    volatile Cue last;

    FailingServer(Cue... script) throws IOException
    {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      cues.addAll(List.of(script));
      last = script[script.length - 1];
      http.createContext("/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                     + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
        final Cue cue = cues.size() > 1 ? cues.poll() : last;
        cue.answer(exchange);
      });
      http.start();
      servers.add(this);
    }

    URI url()
    {
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }
  }

  private static Cue status(int status, String body)
  {
    return exchange -> {
      final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  /** The connection closes before any answer: the client sees a reset or an end of stream. */
  private static Cue reset()
  {
    return HttpExchange::close;
  }

  /** No answer for {@code time}, then the connection closes. */
  private static Cue silence(Duration time)
  {
    return exchange -> {
      try {
        Thread.sleep(time.toMillis());
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    };
  }

  private static Cue redirectTo(URI leader)
  {
    return exchange -> {
      exchange.getResponseHeaders().set("Location", leader + exchange.getRequestURI().toString());
      exchange.sendResponseHeaders(307, -1);
      exchange.close();
    };
  }

  private static DruidClient client(URI base, Duration requestTimeout)
  {
    return new DruidClient(
        base, "--overlord", new DruidClient.Credentials("admin", "s3cret"), null, null, Duration.ofSeconds(2),
        requestTimeout, new Redactor(), FAST
    );
  }

  private static ObjectNode spec() throws IOException
  {
    return (ObjectNode) MAPPER.readTree(SPEC);
  }

  @Test
  void aReadIsTriedAgainAfter503sUntilTheOverlordAnswers() throws Exception
  {
    final FailingServer overlord = new FailingServer(status(503, ""), status(503, ""), status(200, SPEC));

    assertThat(client(overlord.url(), Duration.ofSeconds(10)).spec("telemetry")).isPresent();
    assertThat(overlord.requests).hasSize(3);
  }

  @Test
  void aSupervisorSubmitIsSentAgainAfterAConnectionReset() throws Exception
  {
    final FailingServer overlord = new FailingServer(reset(), status(200, "{\"id\":\"telemetry\"}"));

    client(overlord.url(), Duration.ofSeconds(10)).submit(spec());

    assertThat(overlord.requests).hasSize(2).allMatch(request -> request.startsWith("POST "));
  }

  @Test
  void aTaskSubmitIsNotSentAgainAfterAResetBecauseItMayHaveTakenEffect() throws Exception
  {
    final FailingServer overlord = new FailingServer(reset(), status(200, "{\"task\":\"t\"}"));

    assertThatThrownBy(() -> client(overlord.url(), Duration.ofSeconds(10)).submitTask(spec()))
        .isInstanceOf(DruidException.class);
    assertThat(overlord.requests).hasSize(1);
  }

  @Test
  void triesStopWhenTheRequestTimeoutHasPassedAndTheLastAnswerIsReported() throws Exception
  {
    final FailingServer overlord = new FailingServer(status(503, "{\"error\":\"no leader\"}"));
    final long start = System.nanoTime();

    assertThatThrownBy(() -> client(overlord.url(), SHORT_REQUEST_TIMEOUT).status("telemetry"))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("no leader");
    System.out.printf(
        "503 for ever, --request-timeout " + SHORT_REQUEST_TIMEOUT + ": %d attempts in %d ms%n",
        overlord.requests.size(), Duration.ofNanos(System.nanoTime() - start).toMillis()
    );
    assertThat(overlord.requests.size()).isGreaterThan(2);
  }

  @Test
  void whenTheRequestTimeoutCutsTheLastTryShortTheServicesLastAnswerIsReported() throws Exception
  {
    final FailingServer overlord = new FailingServer(status(503, "{\"error\":\"no leader\"}"),
                                                     silence(SHORT_REQUEST_TIMEOUT.multipliedBy(2)));

    assertThatThrownBy(() -> client(overlord.url(), SHORT_REQUEST_TIMEOUT).status("telemetry"))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("no leader");
    assertThat(overlord.requests).hasSize(2);
  }

  @Test
  void aStandbyOverlordsRedirectIsFollowedToTheLeaderWithTheLogin() throws Exception
  {
    final FailingServer leader = new FailingServer(status(200, SPEC));
    final FailingServer standby = new FailingServer(redirectTo(leader.url()));

    assertThat(client(standby.url(), Duration.ofSeconds(10)).spec("telemetry")).isPresent();
    assertThat(leader.requests).singleElement().asString()
                               .startsWith("GET /druid/indexer/v1/supervisor/telemetry auth=Basic ");
  }

  @Test
  void aRedirectToAnotherSchemeIsNotFollowed() throws Exception
  {
    final FailingServer standby = new FailingServer(redirectTo(URI.create("https://127.0.0.1:1")));

    assertThatThrownBy(() -> client(standby.url(), Duration.ofSeconds(10)).spec("telemetry"))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("not the same endpoint over http")
        .hasMessageContaining("point --overlord at the leading Overlord or at a Router");
  }

  @Test
  void aResumeWhoseAnswerWasLostCountsAsDoneWhenDruidSaysItIsAlreadyRunning() throws Exception
  {
    final FailingServer overlord = new FailingServer(
        reset(), status(400, "{\"error\":\"[telemetry] is already running\"}"), status(200, SPEC)
    );

    assertThat(client(overlord.url(), Duration.ofSeconds(10)).act("telemetry", "resume").path("id").asText())
        .isEqualTo("telemetry");
    assertThat(overlord.requests).hasSize(3);
  }

  @Test
  void aResumeOfARunningSupervisorIsStillAnErrorWhenNothingWasRetried() throws Exception
  {
    final FailingServer overlord = new FailingServer(status(400, "{\"error\":\"[telemetry] is already running\"}"));

    assertThatThrownBy(() -> client(overlord.url(), Duration.ofSeconds(10)).act("telemetry", "resume"))
        .hasMessageContaining("is already running");
  }

  @Test
  void readinessPollsAreNotRetriedBecause503IsTheirAnswer() throws Exception
  {
    final FailingServer broker = new FailingServer(status(503, ""), status(200, ""));

    assertThat(client(broker.url(), Duration.ofSeconds(10)).ready("/druid/broker/v1/readiness")).isFalse();
    assertThat(broker.requests).hasSize(1);
  }

  @Test
  void aConnectionThatKeepsBreakingIsTriedAFewTimesOnly() throws Exception
  {
    final FailingServer overlord = new FailingServer(reset());

    assertThatThrownBy(() -> client(overlord.url(), Duration.ofSeconds(30)).spec("telemetry"))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("3 attempts");
    // The JDK's client repeats a GET once itself when the connection closes, so 3 attempts are up to 6 requests.
    assertThat(overlord.requests).hasSizeBetween(3, 6);
  }

  @Test
  void aRestartingOverlordRedirectingToItselfIsWaitedForLikeA503() throws Exception
  {
    final URI[] self = new URI[1];
    final FailingServer overlord = new FailingServer(
        exchange -> redirectTo(self[0]).answer(exchange), exchange -> redirectTo(self[0]).answer(exchange),
        status(200, SPEC)
    );
    self[0] = overlord.url();

    assertThat(client(overlord.url(), Duration.ofSeconds(10)).spec("telemetry")).isPresent();
    assertThat(overlord.requests).hasSize(3);
  }
}
