package dev.druidmsk.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls the launcher and tests make against Druid's APIs. */
public final class DruidHttp
{
  /**
   * Above a supervisor's default shutdownTimeout (PT80S): terminating a supervisor answers only once it stopped, and
   * one busy retrying a refused role takes the whole timeout.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Response get(URI uri) throws IOException, InterruptedException
  {
    return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
  }

  public Response postJson(URI uri, String json) throws IOException, InterruptedException
  {
    return send(HttpRequest.newBuilder(uri)
                           .timeout(TIMEOUT)
                           .header("Content-Type", "application/json")
                           .POST(HttpRequest.BodyPublishers.ofString(json))
                           .build());
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException
  {
    final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  /** Status and body of one call. */
  public record Response(int status, String body)
  {
    public boolean ok()
    {
      return status / 100 == 2;
    }
  }
}
