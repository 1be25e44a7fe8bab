package dev.druidmsk.localmsk.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local AWS STS on 127.0.0.1 answering the Query API actions that aws-msk-iam-auth and the AWS SDK's default
 * chain use: AssumeRole and GetCallerIdentity, SigV4-verified, and AssumeRoleWithWebIdentity, unsigned. Its temporary credentials can be checked by anyone holding the
 * same {@link SessionCredentialAuthority}, such as the local broker.
 */
public final class LocalSts implements AutoCloseable
{
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final int port;
  private final ExecutorService executor;
  private final StsRequestAuthenticator authenticator;
  private final StsActions actions;
  private final CallCounters counters = new CallCounters();
  private final StsFaults faults = new StsFaults(this, counters);
  private HttpServer server;

  private LocalSts(final Builder builder) throws IOException
  {
    final Clock clock = Clock.systemUTC();
    this.authenticator = new StsRequestAuthenticator(builder.users, builder.authority, builder.region, clock);
    this.actions = new StsActions(
        builder.roles, builder.oidcIssuers, builder.authority, builder.rotationTestLifetime, clock, counters
    );
    // Enough threads that added latency delays callers rather than queueing them behind each other.
    this.executor = Executors.newFixedThreadPool(32, runnable -> {
      final Thread thread = new Thread(runnable, "local-sts");
      thread.setDaemon(true);
      return thread;
    });
    this.server = listen(builder.port);
    this.port = server.getAddress().getPort();
  }

  public static Builder builder(final SessionCredentialAuthority authority)
  {
    return new Builder(authority);
  }

  /** What to set as {@code aws.endpointUrlSts} / {@code AWS_ENDPOINT_URL_STS}; the same after an {@link StsFaults#outage()}. */
  public URI endpoint()
  {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * This STS under an AWS STS host name ({@link StsHosts}: global, regional, FIPS), for JVMs whose hosts file maps
   * that name to 127.0.0.1 ({@link StsHosts#writeHostsFile}); requests to it must be signed for its region.
   */
  public URI endpoint(final String stsHostName)
  {
    return URI.create("http://" + stsHostName + ':' + port);
  }

  public CallCounters counters()
  {
    return counters;
  }

  /**
   * Adds a role while the STS runs, as IAM's CreateRole does, so a suite on a shared emulator brings its own roles
   * (IAM applies it at once here; AWS may take seconds). An ARN already in use is refused.
   */
  public void createRole(final Role role)
  {
    actions.createRole(role);
  }

  /** Throttling, service failures, latency and outages on demand. */
  public StsFaults faults()
  {
    return faults;
  }

  /** An STS outage: stops listening, so clients get connection refused until {@link #restart()}. */
  synchronized void stop()
  {
    server.stop(0);
  }

  /** Ends an outage: listens again on the same port, with the same roles, credentials and counters. */
  synchronized void restart() throws IOException
  {
    server = listen(port);
  }

  @Override
  public synchronized void close()
  {
    server.stop(0);
    executor.shutdownNow();
  }

  private HttpServer listen(final int port) throws IOException
  {
    final HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    listening.createContext("/", this::serve);
    listening.setExecutor(executor);
    listening.start();
    return listening;
  }

  private void serve(final HttpExchange exchange) throws IOException
  {
    try (exchange) {
      final byte[] body = readBody(exchange.getRequestBody());
      final String requestId = UUID.randomUUID().toString();
      try {
        final SignedRequest request = new SignedRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            parseForm(exchange.getRequestURI().getRawQuery()),
            exchange.getRequestHeaders()::get,
            body
        );
        final Map<String, String> parameters = new LinkedHashMap<>();
        request.query().forEach(parameter -> parameters.put(parameter.getKey(), parameter.getValue()));
        if ("POST".equals(request.method())) {
          parseForm(new String(body, StandardCharsets.UTF_8))
              .forEach(parameter -> parameters.put(parameter.getKey(), parameter.getValue()));
        }
        faults.inject(parameters);
        respond(exchange, 200, StsActions.ASSUME_ROLE_WITH_WEB_IDENTITY.equals(parameters.get("Action"))
                               ? actions.assumeRoleWithWebIdentity(parameters)
                               : actions.answer(authenticator.authenticate(request), parameters));
      }
      catch (StsFault fault) {
        respond(exchange, fault.status(), StsXml.error(
            fault.status() < 500 ? "Sender" : "Receiver",
            fault.code(),
            fault.getMessage(),
            requestId
        ));
      }
    }
  }

  private static byte[] readBody(final InputStream in) throws IOException
  {
    final byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new IOException("STS request body over " + MAX_BODY_BYTES + " bytes");
    }
    return body;
  }

  private static List<Map.Entry<String, String>> parseForm(final String form)
  {
    final List<Map.Entry<String, String>> parameters = new ArrayList<>();
    if (form == null || form.isEmpty()) {
      return parameters;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      final int equals = pair.indexOf('=');
      final String name = equals < 0 ? pair : pair.substring(0, equals);
      final String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.add(Map.entry(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8)
      ));
    }
    return parameters;
  }

  private static void respond(final HttpExchange exchange, final int status, final String xml) throws IOException
  {
    final byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Configures and starts a {@link LocalSts}. */
  public static final class Builder
  {
    private final SessionCredentialAuthority authority;
    private final List<BaseUser> users = new ArrayList<>();
    private final List<Role> roles = new ArrayList<>();
    private final List<LocalOidcIssuer> oidcIssuers = new ArrayList<>();
    private int port;
    private String region = StsHosts.GLOBAL_SIGNING_REGION;
    private Duration rotationTestLifetime;

    private Builder(final SessionCredentialAuthority authority)
    {
      this.authority = Objects.requireNonNull(authority, "authority");
    }

    /** 0, the default, takes any free port. */
    public Builder port(final int port)
    {
      this.port = port;
      return this;
    }

    /**
     * The region this STS serves at its own address (127.0.0.1), as a regional STS endpoint or an STS VPC endpoint
     * does: requests to that address must be signed for it. Default us-east-1.
     */
    public Builder region(final String region)
    {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    public Builder user(final BaseUser user)
    {
      users.add(user);
      return this;
    }

    public Builder role(final Role role)
    {
      roles.add(role);
      return this;
    }

    /** Registers an OIDC issuer as an IAM OIDC provider, for AssumeRoleWithWebIdentity (EKS IRSA). */
    public Builder oidcIssuer(final LocalOidcIssuer issuer)
    {
      oidcIssuers.add(issuer);
      return this;
    }

    /**
     * FOR ROTATION TESTS ONLY: issued credentials live {@code lifetime} (under 900 s), whatever DurationSeconds
     * asks, so refresh and re-authentication happen within seconds. AWS never issues credentials under 900 s.
     */
    public Builder rotationTestLifetime(final Duration lifetime)
    {
      this.rotationTestLifetime = StsActions.requireRotationTestLifetime(lifetime);
      return this;
    }

    public LocalSts start() throws IOException
    {
      return new LocalSts(this);
    }
  }
}
