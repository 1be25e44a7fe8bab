package dev.druidmsk.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's keytool, for the TLS tests' keys and certificates. */
final class Keytool
{
  private Keytool()
  {
  }

  /** The localhost server certificate of a test Overlord, self-signed, in a new PKCS#12 keystore. */
  static void serverKeyPair(Path keystore, String alias, String password) throws Exception
  {
    run("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password);
  }

  /** Writes the certificate of {@code alias} as PEM. */
  static void exportPem(Path keystore, String alias, String password, Path pem) throws Exception
  {
    run("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", password,
        "-file", pem.toString());
  }

  static void run(String... args) throws Exception
  {
    final List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
