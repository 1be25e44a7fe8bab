package dev.druidmsk.localmsk.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A self-signed broker key pair in a PKCS12 keystore, for the names of its {@link BrokerNode} (the single broker:
 * SAN dns:localhost, ip:127.0.0.1), and a client truststore holding its certificate (or, in a cluster, every
 * broker's), made with the JDK's keytool.
 */
public record TlsMaterial(Path keystore, String keystorePassword, Path truststore, String truststorePassword)
{
  private static final Duration KEYTOOL_DEADLINE = Duration.ofSeconds(60);
  private static final String KEYSTORE_PASSWORD = "DRUIDMSK_KEYSTORE_PASSWORD";
  private static final String TRUSTSTORE_PASSWORD = "DRUIDMSK_TRUSTSTORE_PASSWORD";
  private static final String CERTIFICATE = "broker.crt";

  static TlsMaterial generate(final Path dir, final BrokerNode node)
      throws IOException, InterruptedException, TimeoutException
  {
    Files.createDirectories(dir);
    final TlsMaterial tls = new TlsMaterial(
        dir.resolve("broker.keystore.p12"),
        randomPassword(),
        dir.resolve("client.truststore.p12"),
        randomPassword()
    );
    final Path certificate = dir.resolve(CERTIFICATE);
    for (Path file : List.of(tls.keystore, tls.truststore, certificate)) {
      Files.deleteIfExists(file);
    }
    tls.keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=" + node.advertisedHost(), "-ext", "SAN=" + node.subjectAlternativeNames(),
                "-storetype", "PKCS12", "-keystore", tls.keystore.toString(),
                "-storepass:env", KEYSTORE_PASSWORD, "-keypass:env", KEYSTORE_PASSWORD);
    tls.keytool(dir, "-exportcert", "-alias", "broker", "-rfc", "-file", certificate.toString(),
                "-keystore", tls.keystore.toString(), "-storepass:env", KEYSTORE_PASSWORD);
    tls.keytool(dir, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", tls.truststore.toString(), "-storepass:env", TRUSTSTORE_PASSWORD);
    return tls;
  }

  /**
   * One client truststore at {@code truststore} trusting every broker's certificate, so that reaching a broker by
   * another broker's name fails on the name alone, as on MSK (whose certificates all chain to one public CA).
   *
   * @return the brokers' material, each with that truststore in place of its own
   */
  static List<TlsMaterial> trustedTogether(final Path truststore, final List<TlsMaterial> brokers)
      throws IOException, InterruptedException, TimeoutException
  {
    Files.createDirectories(truststore.getParent());
    Files.deleteIfExists(truststore);
    final String password = randomPassword();
    final List<TlsMaterial> shared = new ArrayList<>();
    for (int i = 0; i < brokers.size(); i++) {
      final TlsMaterial broker = new TlsMaterial(brokers.get(i).keystore, brokers.get(i).keystorePassword, truststore, password);
      broker.keytool(truststore.getParent(), "-importcert", "-noprompt", "-alias", "broker-" + (i + 1),
                     "-file", broker.keystore.resolveSibling(CERTIFICATE).toString(),
                     "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass:env", TRUSTSTORE_PASSWORD);
      shared.add(broker);
    }
    return shared;
  }

  private void keytool(final Path dir, final String... args) throws IOException, InterruptedException, TimeoutException
  {
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put(KEYSTORE_PASSWORD, keystorePassword);
    builder.environment().put(TRUSTSTORE_PASSWORD, truststorePassword);
    final Process process = builder.start();
    final byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(KEYTOOL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new TimeoutException("keytool " + args[0] + " did not finish within " + KEYTOOL_DEADLINE);
    }
    if (process.exitValue() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + new String(output));
    }
  }

  private static String randomPassword()
  {
    final byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    return HexFormat.of().formatHex(secret);
  }

  @Override
  public String toString()
  {
    return "TlsMaterial{keystore=" + keystore + ", truststore=" + truststore + '}';
  }
}
