package dev.druidmsk.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Maven repository holding the real bundle as dev.druidmsk:druid-msk-iam-extension:VERSION:bundle:tar.gz,
 * served over HTTP on 127.0.0.1 (or read through a file:// URL of its root).
 */
final class MavenRepository implements AutoCloseable
{
  static final String VERSION = Bundle.manifest("bundle.version");

  final Path root;
  private final HttpServer server;

  private MavenRepository(Path root, HttpServer server)
  {
    this.root = root;
    this.server = server;
  }

  /** Lays out the bundle (with a .sha256 file holding PUBLISHED_SHA256 unless null) and serves ROOT. */
  static MavenRepository serving(Path root, String publishedSha256) throws IOException
  {
    final Path artifact = bundlePath(root);
    Files.createDirectories(artifact.getParent());
    Files.copy(Bundle.TARBALL, artifact, StandardCopyOption.REPLACE_EXISTING);
    if (publishedSha256 != null) {
      Files.writeString(artifact.resolveSibling(artifact.getFileName() + ".sha256"), publishedSha256);
    }
    final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> serve(root, exchange));
    server.start();
    return new MavenRepository(root, server);
  }

  static Path bundlePath(Path root)
  {
    return root.resolve("dev/druidmsk/druid-msk-iam-extension").resolve(VERSION)
               .resolve("druid-msk-iam-extension-" + VERSION + "-bundle.tar.gz");
  }

  String url()
  {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/maven";
  }

  private static void serve(Path root, HttpExchange exchange) throws IOException
  {
    final String path = exchange.getRequestURI().getPath().replaceFirst("^/maven/", "");
    final Path file = root.resolve(path).normalize();
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
  }
}
