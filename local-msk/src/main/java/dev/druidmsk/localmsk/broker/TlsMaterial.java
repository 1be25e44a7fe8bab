package dev.druidmsk.localmsk.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A self-signed broker key pair in a PKCS12 keystore, for the names of its {@link BrokerNode} (the single broker:
 * SAN dns:localhost, ip:127.0.0.1), and a client truststore holding its certificate (or, in a cluster, every
 * broker's). Only the key pair and its self-signed certificate come from the JDK's keytool, as the JDK has no public
 * API that signs a certificate; the truststores are written with the KeyStore API in this JVM, because a keytool run
 * costs about a CPU-second and a three-broker cluster made twelve of them.
 */
public record TlsMaterial(Path keystore, String keystorePassword, Path truststore, String truststorePassword)
{
  private static final Duration KEYTOOL_DEADLINE = Duration.ofSeconds(60);
  private static final String KEYSTORE_PASSWORD = "DRUIDMSK_KEYSTORE_PASSWORD";
  private static final String BROKER_ALIAS = "broker";

  /** A broker's key pair and a client truststore beside it trusting that broker alone (the single broker's). */
  static TlsMaterial generate(final Path dir, final BrokerNode node)
      throws IOException, InterruptedException, TimeoutException
  {
    return trustedTogether(dir.resolve("client.truststore.p12"), List.of(KeyPair.generate(dir, node))).get(0);
  }

  /**
   * One client truststore at {@code truststore} trusting every broker's certificate, so that reaching a broker by
   * another broker's name fails on the name alone, as on MSK (whose certificates all chain to one public CA).
   *
   * @return the brokers' material, each with that truststore
   */
  static List<TlsMaterial> trustedTogether(final Path truststore, final List<KeyPair> brokers) throws IOException
  {
    Files.createDirectories(truststore.getParent());
    final String password = randomPassword();
    writeTruststore(truststore, password, brokers.stream().map(KeyPair::certificate).toList());
    return brokers.stream().map(broker -> new TlsMaterial(broker.keystore, broker.password, truststore, password)).toList();
  }

  /** A broker's self-signed key pair in its PKCS12 keystore, with the certificate read back for truststores. */
  record KeyPair(Path keystore, String password, Certificate certificate)
  {
    static KeyPair generate(final Path dir, final BrokerNode node)
        throws IOException, InterruptedException, TimeoutException
    {
      Files.createDirectories(dir);
      final Path keystore = dir.resolve("broker.keystore.p12");
      final String password = randomPassword();
      Files.deleteIfExists(keystore);
      keytool(dir, password, "-genkeypair", "-alias", BROKER_ALIAS, "-keyalg", "RSA", "-keysize", "2048",
              "-validity", "30", "-dname", "CN=" + node.advertisedHost(), "-ext", "SAN=" + node.subjectAlternativeNames(),
              "-storetype", "PKCS12", "-keystore", keystore.toString(),
              "-storepass:env", KEYSTORE_PASSWORD, "-keypass:env", KEYSTORE_PASSWORD);
      try (InputStream in = Files.newInputStream(keystore)) {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password.toCharArray());
        return new KeyPair(keystore, password, store.getCertificate(BROKER_ALIAS));
      }
      catch (GeneralSecurityException e) {
        throw new IOException("Cannot read the broker's certificate from " + keystore + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString()
    {
      return "KeyPair{keystore=" + keystore + '}';
    }
  }

  /** A PKCS12 truststore holding {@code certificates} as {@code broker-1}, {@code broker-2}, ... */
  private static void writeTruststore(final Path truststore, final String password, final List<Certificate> certificates)
      throws IOException
  {
    final Path partial = truststore.resolveSibling(truststore.getFileName() + ".partial");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
          store.setCertificateEntry(BROKER_ALIAS + "-" + (i + 1), certificates.get(i));
        }
        store.store(out, password.toCharArray());
      }
      Files.move(partial, truststore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    catch (GeneralSecurityException e) {
      throw new IOException("Cannot write the client truststore " + truststore + ": " + e.getMessage(), e);
    }
    finally {
      // Moved into place, or nothing: no half-written truststore is left behind.
      Files.deleteIfExists(partial);
    }
  }

  private static void keytool(final Path dir, final String keystorePassword, final String... args)
      throws IOException, InterruptedException, TimeoutException
  {
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put(KEYSTORE_PASSWORD, keystorePassword);
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
