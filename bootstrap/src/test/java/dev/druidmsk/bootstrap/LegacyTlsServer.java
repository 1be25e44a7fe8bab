package dev.druidmsk.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An HTTPS file server busybox wget can talk to: busybox's TLS client sends no signature_algorithms extension, so
 * the server must sign its handshake with SHA-1, which the JDK's HTTPS server and OpenSSL 3 at its default
 * security level refuse. Serves ROOT with {@code openssl s_server -WWW} at security level 0 on 127.0.0.1.
 */
final class LegacyTlsServer implements AutoCloseable
{
  private final Process process;
  private final int port;

  private LegacyTlsServer(Process process, int port)
  {
    this.process = process;
    this.port = port;
  }

  static LegacyTlsServer serving(Path root, Path work) throws IOException, InterruptedException
  {
    final Path key = work.resolve("legacy-tls-key.pem");
    final Path certificate = work.resolve("legacy-tls-certificate.pem");
    Sandbox.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", certificate.toString(), "-subj", "/CN=127.0.0.1", "-days", "1");
    final int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    final Process process = new ProcessBuilder(
        "openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", certificate.toString(), "-key", key.toString(),
        "-cipher", "DEFAULT@SECLEVEL=0", "-WWW", "-quiet"
    ).directory(root.toFile())
     .redirectErrorStream(true)
     .redirectOutput(work.resolve("legacy-tls.log").toFile())
     .start();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return new LegacyTlsServer(process, port);
      }
      catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(
              "openssl s_server did not start: " + Files.readString(work.resolve("legacy-tls.log"))
          );
        }
        Thread.sleep(100);
      }
    }
  }

  String url()
  {
    return "https://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException
  {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
