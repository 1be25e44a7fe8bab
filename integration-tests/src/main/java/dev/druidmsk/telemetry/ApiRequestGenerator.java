package dev.druidmsk.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic, reproducible API traffic: several services and routes with their own latency profiles, a status mix
 * with client and server errors, a few API consumers, and log-normal response sizes. Same seed, same events.
 */
public final class ApiRequestGenerator
{
  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("payments", "POST", "/v1/payments", 120, 3.0),
      new Endpoint("payments", "GET", "/v1/payments/{id}", 25, 1.0),
      new Endpoint("checkout", "POST", "/v1/checkout", 180, 4.0),
      new Endpoint("catalog", "GET", "/v1/products", 35, 0.5),
      new Endpoint("catalog", "GET", "/v1/products/{id}", 15, 0.3),
      new Endpoint("search", "GET", "/v1/search", 60, 1.5),
      new Endpoint("auth", "POST", "/v1/token", 40, 2.0),
      new Endpoint("users", "PUT", "/v1/users/{id}", 50, 1.0)
  );
  private static final List<String> CONSUMERS = List.of("mobile-app", "web", "partner-acme", "partner-globex", "batch");
  private static final int[] CLIENT_ERRORS = {400, 401, 404, 429};

  private final SplittableRandom random;
  private Instant next;
  private final Duration spacing;

  /** Events start at {@code start} and are {@code spacing} apart. */
  public ApiRequestGenerator(long seed, Instant start, Duration spacing)
  {
    this.random = new SplittableRandom(seed);
    this.next = start;
    this.spacing = spacing;
  }

  public ApiRequest next()
  {
    final Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
    final double roll = random.nextDouble() * 100;
    final int status;
    if (roll < endpoint.serverErrorPercent) {
      status = random.nextInt(4) == 0 ? 503 : 500;
    } else if (roll < endpoint.serverErrorPercent + 6) {
      status = CLIENT_ERRORS[random.nextInt(CLIENT_ERRORS.length)];
    } else {
      status = "POST".equals(endpoint.method) ? 201 : 200;
    }
    final double latency = endpoint.medianLatencyMs * Math.exp(0.6 * gaussian()) * (status >= 500 ? 3 : 1);
    final long bytes = status >= 400 ? 180 + random.nextInt(120) : Math.round(2_000 * Math.exp(0.9 * gaussian()));
    final ApiRequest request = new ApiRequest(
        next,
        endpoint.service,
        endpoint.route,
        endpoint.method,
        status,
        Math.max(1, Math.round(latency)),
        CONSUMERS.get(random.nextInt(CONSUMERS.size())),
        bytes
    );
    next = next.plus(spacing);
    return request;
  }

  private double gaussian()
  {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private record Endpoint(String service, String method, String route, double medianLatencyMs, double serverErrorPercent)
  {
  }
}
