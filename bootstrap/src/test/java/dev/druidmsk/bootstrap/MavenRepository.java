package dev.druidmsk.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Maven repository holding the real bundle as dev.druidmsk:druid-msk-iam-extension:VERSION:bundle:tar.gz,
 * served over HTTPS on 127.0.0.1 with a certificate made for the test JVM (trusted through {@link #CA_PEM}), or
 * read through a file:// URL of its root. Under /redirect-to-http/ it answers with a redirect to plain HTTP.
 */
final class MavenRepository implements AutoCloseable
{
  static final String VERSION = Bundle.manifest("bundle.version");
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final Path KEYS = keys();
  /** The server certificate as PEM, for curl's CURL_CA_BUNDLE. */
  static final Path CA_PEM = KEYS.resolve("repository.pem");

  final Path root;
  private final HttpsServer server;
  private final HttpServer plain;
  private final AtomicInteger requests = new AtomicInteger();

  private MavenRepository(Path root) throws IOException
  {
    this.root = root;
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext()));
    plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/maven/", exchange -> serve(exchange, "/maven/"));
    plain.createContext("/maven/", exchange -> serve(exchange, "/maven/"));
    server.createContext("/redirect-to-http/", exchange -> {
      try (exchange) {
        requests.incrementAndGet();
        exchange.getResponseHeaders().add(
            "Location",
            plainUrl() + exchange.getRequestURI().getPath().substring("/redirect-to-http".length())
        );
        exchange.sendResponseHeaders(302, -1);
      }
    });
    server.start();
    plain.start();
  }

  /** Lays out the bundle and serves ROOT. */
  static MavenRepository serving(Path root) throws IOException
  {
    final Path artifact = bundlePath(root);
    Files.createDirectories(artifact.getParent());
    Files.copy(Bundle.TARBALL, artifact, StandardCopyOption.REPLACE_EXISTING);
    return new MavenRepository(root);
  }

  static Path bundlePath(Path root)
  {
    return root.resolve("dev/druidmsk/druid-msk-iam-extension").resolve(VERSION)
               .resolve("druid-msk-iam-extension-" + VERSION + "-bundle.tar.gz");
  }

  String url()
  {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/maven";
  }

  /** The same repository over plain HTTP. */
  String plainUrl()
  {
    return "http://127.0.0.1:" + plain.getAddress().getPort() + "/maven";
  }

  /** An https URL whose every file redirects to {@link #plainUrl()}. */
  String redirectingUrl()
  {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/redirect-to-http";
  }

  /** Requests answered so far, over either protocol. */
  int requests()
  {
    return requests.get();
  }

  private void serve(HttpExchange exchange, String prefix) throws IOException
  {
    requests.incrementAndGet();
    final Path file = root.resolve(exchange.getRequestURI().getPath().substring(prefix.length())).normalize();
    try (exchange) {
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(file, out);
      }
    }
  }

  @Override
  public void close()
  {
    server.stop(0);
    plain.stop(0);
  }

  private static SSLContext sslContext()
  {
    try (InputStream in = Files.newInputStream(KEYS.resolve("repository.p12"))) {
      final KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      final SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key pair and self-signed certificate for 127.0.0.1, made once per test JVM by the JDK's keytool. */
  private static Path keys()
  {
    try {
      final Path keys = Files.createTempDirectory("druid-msk-repository-keys");
      keys.toFile().deleteOnExit();
      final String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      final String store = keys.resolve("repository.p12").toString();
      final String password = new String(PASSWORD);
      Sandbox.run(keytool, "-genkeypair", "-alias", "repository", "-keyalg", "RSA", "-keysize", "2048",
                  "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                  "-storetype", "PKCS12", "-keystore", store, "-storepass", password, "-keypass", password);
      Sandbox.run(keytool, "-exportcert", "-rfc", "-alias", "repository", "-keystore", store,
                  "-storepass", password, "-file", keys.resolve("repository.pem").toString());
      keys.resolve("repository.p12").toFile().deleteOnExit();
      keys.resolve("repository.pem").toFile().deleteOnExit();
      return keys;
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
