package dev.druidmsk.cli.druid;

import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** How to reach the Overlord (or a Router): URL, Druid basic-security credentials, TLS trust, timeouts. */
public final class OverlordOptions
{
  static final String ENV_OVERLORD = "DRUID_MSK_OVERLORD";
  static final String ENV_USER = "DRUID_MSK_USER";
  static final String ENV_PASSWORD = "DRUID_MSK_PASSWORD";

  @Option(
      names = "--overlord",
      paramLabel = "URL",
      description = "Overlord or Router base URL, e.g. https://druid.example.com:8281 (default: env DRUID_MSK_OVERLORD)."
  )
  private String url;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Druid basic-security user (default: env DRUID_MSK_USER). The password is read from env "
                    + "DRUID_MSK_PASSWORD or --password-file, never from the command line."
  )
  private String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File holding the password of --user (first line; trailing newline ignored). "
                    + "Overrides env DRUID_MSK_PASSWORD."
  )
  private Path passwordFile;

  @Option(
      names = "--truststore",
      paramLabel = "FILE",
      description = "Certificates to trust for https: a PEM file (.pem/.crt) or a JKS/PKCS12 truststore. "
                    + "Default: the JVM's trusted CAs."
  )
  private Path truststore;

  @Option(
      names = "--truststore-password-file",
      paramLabel = "FILE",
      description = "Password of a JKS/PKCS12 --truststore, if it has one."
  )
  private Path truststorePasswordFile;

  @Option(
      names = "--client-cert",
      paramLabel = "FILE",
      description = "PEM certificate (chain) to present when Druid asks for TLS client authentication; with "
                    + "--client-key."
  )
  private Path clientCert;

  @Option(
      names = "--client-key",
      paramLabel = "FILE",
      description = "PEM private key of --client-cert, PKCS#8 and unencrypted (BEGIN PRIVATE KEY; convert other "
                    + "forms with `openssl pkcs8 -topk8 -nocrypt`). Keep the file readable by you only."
  )
  private Path clientKey;

  @Option(
      names = "--client-keystore",
      paramLabel = "FILE",
      description = "PKCS#12 keystore with the client key and certificate, instead of --client-cert/--client-key."
  )
  private Path clientKeystore;

  @Option(
      names = "--client-keystore-password-file",
      paramLabel = "FILE",
      description = "Password of --client-keystore, if it has one (first line)."
  )
  private Path clientKeystorePasswordFile;

  @Option(
      names = "--insecure-http",
      description = "Allow --user over plain http://, where the password crosses the network readable (a local "
                    + "test cluster). Without it, a login over http:// is refused."
  )
  private boolean insecureHttp;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "Time to open a connection (default: ${DEFAULT-VALUE})."
  )
  private Duration connectTimeout;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "Time for one call to Druid to complete, retries included: calls that fail on the way "
                    + "(connection reset, HTTP 502/503/504) and are safe to repeat are tried again with back-off "
                    + "until it has passed (default: ${DEFAULT-VALUE})."
  )
  private Duration requestTimeout;

  public DruidClient connect(CliContext context)
  {
    return connect(context, url != null ? url : context.env(ENV_OVERLORD), "--overlord");
  }

  /**
   * A client of another Druid service of the cluster (the Broker, for SQL) with these credentials, trust and
   * timeouts; {@code option} names where {@code serviceUrl} came from in errors.
   */
  public DruidClient connect(CliContext context, String serviceUrl, String option)
  {
    final URI base = baseUri(serviceUrl, option);
    final String userName = user != null ? user : context.env(ENV_USER);
    final String password = password(context);
    if (password != null && userName == null) {
      throw new CliException("A password is set but no user: pass --user NAME or set DRUID_MSK_USER.");
    }
    if (userName != null && password == null) {
      throw new CliException(
          "No password for user '" + userName + "': set env DRUID_MSK_PASSWORD or pass --password-file FILE."
      );
    }
    if (userName != null && "http".equals(base.getScheme()) && !insecureHttp) {
      throw new CliException(
          option + " is http://, which would send the password of '" + userName + "' readable over the network: "
          + "use https://, or pass --insecure-http if the network is yours (a local test cluster)."
      );
    }
    final DruidClient.Credentials credentials = userName == null ? null : new DruidClient.Credentials(userName, password);
    final DruidClient.TrustSettings trust = truststore == null ? null : new DruidClient.TrustSettings(
        truststore,
        truststorePasswordFile == null ? null : readSecretFile(truststorePasswordFile, "--truststore-password-file", context)
    );
    return new DruidClient(
        base, option, credentials, trust, clientIdentity(context), connectTimeout, requestTimeout, context.redactor(),
        BackOff.DEFAULT
    );
  }

  private DruidClient.ClientIdentity clientIdentity(CliContext context)
  {
    if (clientKeystore != null && (clientCert != null || clientKey != null)) {
      throw new CliException("Give --client-keystore or --client-cert with --client-key, not both.");
    }
    if ((clientCert == null) != (clientKey == null)) {
      throw new CliException("--client-cert and --client-key go together: pass both (or --client-keystore).");
    }
    if (clientKeystore == null && clientCert == null) {
      if (clientKeystorePasswordFile != null) {
        throw new CliException("--client-keystore-password-file needs --client-keystore.");
      }
      return null;
    }
    return new DruidClient.ClientIdentity(
        clientCert,
        clientKey,
        clientKeystore,
        clientKeystorePasswordFile == null
        ? null
        : readSecretFile(clientKeystorePasswordFile, "--client-keystore-password-file", context)
    );
  }

  private String password(CliContext context)
  {
    final String password = passwordFile != null
                            ? readSecretFile(passwordFile, "--password-file", context)
                            : context.env(ENV_PASSWORD);
    context.redactor().register(password);
    return password;
  }

  private static String readSecretFile(Path file, String option, CliContext context)
  {
    try {
      final String secret = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (secret.isEmpty()) {
        throw new CliException(option + " " + file + " is empty: write the secret on its first line.");
      }
      context.redactor().register(secret);
      return secret;
    }
    catch (IOException e) {
      throw new CliException(
          "Cannot read " + option + " " + file + " (" + e.getClass().getSimpleName() + "): check the path and "
          + "that it is readable."
      );
    }
  }

  private static URI baseUri(String value, String option)
  {
    if (value == null) {
      throw new CliException("No Overlord URL: pass --overlord URL or set DRUID_MSK_OVERLORD.");
    }
    final URI uri;
    try {
      uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }
    catch (URISyntaxException e) {
      throw new CliException(option + " is not a URL: write it as https://host:port");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new CliException(option + " must start with http:// or https://, e.g. https://druid.example.com:8281");
    }
    if (uri.getRawUserInfo() != null) {
      // A URL with credentials would show up in shell history and in every error message.
      throw new CliException(
          option + " must not contain credentials: remove 'user:password@' and use --user with "
          + "DRUID_MSK_PASSWORD or --password-file."
      );
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new CliException(option + " must be a base URL like https://host:port (no query or fragment).");
    }
    return uri;
  }
}
