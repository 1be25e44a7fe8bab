package dev.druidmsk.cluster;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** queryLong against an HTTP server answering as Druid 33's Broker does. */
class DruidSqlTest
{
  private HttpServer server;

  @AfterEach
  void stop()
  {
    server.stop(0);
  }

  @Test
  void datasourceNotCreatedYetCountsAsZero() throws Exception
  {
    final DruidSql sql = answering(400, error("Object 'telemetry' not found (line [1], column [22])"));

    assertThat(sql.queryLong("SELECT COUNT(*) FROM \"telemetry\"")).isZero();
  }

  @Test
  void unknownColumnFailsTheCaller() throws Exception
  {
    final DruidSql sql = answering(400, error("Column 'requests' not found in any table (line [1], column [12])"));

    assertThatThrownBy(() -> sql.queryLong("SELECT SUM(\"requests\") FROM \"telemetry\""))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Column 'requests' not found");
  }

  @Test
  void serverErrorFailsTheCaller() throws Exception
  {
    final DruidSql sql = answering(500, error("Object 'telemetry' not found"));

    assertThatThrownBy(() -> sql.queryLong("SELECT COUNT(*) FROM \"telemetry\"")).isInstanceOf(IOException.class);
  }

  @Test
  void oneNumberIsReturned() throws Exception
  {
    assertThat(answering(200, "[{\"EXPR$0\":42}]").queryLong("SELECT COUNT(*) FROM \"telemetry\"")).isEqualTo(42);
  }

  private static String error(final String message)
  {
    return "{\"error\":\"druidException\",\"errorCode\":\"invalidInput\",\"persona\":\"USER\","
           + "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"" + message + "\",\"context\":{}}";
  }

  private DruidSql answering(final int status, final String body) throws IOException
  {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/druid/v2/sql", exchange -> {
      final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return new DruidSql(new DruidHttp(), URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }
}
