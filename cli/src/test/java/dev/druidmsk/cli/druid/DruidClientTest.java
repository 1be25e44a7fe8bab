package dev.druidmsk.cli.druid;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calls the test clusters need, against an HTTP server answering as Druid 33's services do. */
class DruidClientTest
{
  private static final String BROKER_READINESS = "/druid/broker/v1/readiness";
  private static final String COUNT = "SELECT COUNT(*) FROM \"telemetry\"";

  private HttpServer server;

  @AfterEach
  void stop()
  {
    server.stop(0);
  }

  @Test
  void datasourceNotCreatedYetCountsAsZero() throws Exception
  {
    final DruidClient broker = answering(400, error("Object 'telemetry' not found (line [1], column [22])"));

    assertThat(broker.sqlLong(COUNT, "count rows")).isZero();
  }

  @Test
  void unknownColumnFailsTheCaller() throws Exception
  {
    final DruidClient broker = answering(400, error("Column 'requests' not found in any table (line [1], column [12])"));

    assertThatThrownBy(() -> broker.sqlLong("SELECT SUM(\"requests\") FROM \"telemetry\"", "sum requests"))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("Column 'requests' not found");
  }

  @Test
  void serverErrorFailsTheCaller() throws Exception
  {
    final DruidClient broker = answering(500, error("Object 'telemetry' not found"));

    assertThatThrownBy(() -> broker.sqlLong(COUNT, "count rows"))
        .isInstanceOf(DruidException.class)
        .extracting(e -> ((DruidException) e).status())
        .isEqualTo(500);
  }

  @Test
  void oneNumberIsReturned() throws Exception
  {
    assertThat(answering(200, "[{\"EXPR$0\":42}]").sqlLong(COUNT, "count rows")).isEqualTo(42);
  }

  @Test
  void noRowCountsAsZero() throws Exception
  {
    assertThat(answering(200, "[]").sqlLong(COUNT, "count rows")).isZero();
  }

  @Test
  void nullCountsAsZero() throws Exception
  {
    assertThat(answering(200, "[{\"EXPR$0\":null}]").sqlLong("SELECT SUM(\"requests\") FROM \"t\"", "sum")).isZero();
  }

  @Test
  void textValueFailsTheCaller() throws Exception
  {
    final DruidClient broker = answering(200, "[{\"service\":\"api\"}]");

    assertThatThrownBy(() -> broker.sqlLong("SELECT service FROM \"telemetry\"", "read the service"))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("not a number");
  }

  private static String error(final String message)
  {
    return "{\"error\":\"druidException\",\"errorCode\":\"invalidInput\",\"persona\":\"USER\","
           + "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"" + message + "\",\"context\":{}}";
  }

  @Test
  void healthyWhenTheServiceAnswersTrue() throws Exception
  {
    assertThat(answering(DruidEndpoints.HEALTH, 200, "true\n").healthy()).isTrue();
  }

  @Test
  void notHealthyWhileTheServiceAnswersOtherwise() throws Exception
  {
    assertThat(answering(DruidEndpoints.HEALTH, 503, "").healthy()).isFalse();
  }

  @Test
  void notReadyWhileTheReadinessPathAnswers503() throws Exception
  {
    assertThat(answering(BROKER_READINESS, 503, "").ready(BROKER_READINESS)).isFalse();
  }

  @Test
  void readyOnceTheReadinessPathAnswers200() throws Exception
  {
    assertThat(answering(BROKER_READINESS, 200, "").ready(BROKER_READINESS)).isTrue();
  }

  @Test
  void postWithoutBodyAcceptsAnEmptyAnswer() throws Exception
  {
    final String handoff = DruidEndpoints.supervisor("telemetry") + "/taskGroups/handoff";

    assertThat(answering(handoff, 200, "").post(handoff, "hand off").isMissingNode()).isTrue();
  }

  @Test
  void postWithoutBodyFailsOnARefusal() throws Exception
  {
    final DruidClient overlord = answering(DruidEndpoints.TERMINATE_ALL_SUPERVISORS, 500, error("metadata store down"));

    assertThatThrownBy(() -> overlord.post(DruidEndpoints.TERMINATE_ALL_SUPERVISORS, "terminate every supervisor"))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("terminate every supervisor")
        .hasMessageContaining("metadata store down");
  }

  private DruidClient answering(final int status, final String body) throws IOException
  {
    return answering(DruidEndpoints.SQL, status, body);
  }

  private DruidClient answering(final String path, final int status, final String body) throws IOException
  {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(path, exchange -> {
      final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return DruidClient.unauthenticated(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(10)
    );
  }
}
