package dev.druidmsk.cli.druid;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key and certificate druid-msk shows a Druid service that asks for TLS client authentication: a PEM
 * certificate (chain) with its PEM private key, or a PKCS#12 keystore.
 */
final class ClientCertificates
{
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] NO_PASSWORD = new char[0];

  private ClientCertificates()
  {
  }

  static KeyManager[] keyManagers(DruidClient.ClientIdentity identity)
  {
    try {
      final KeyStore store;
      final char[] password;
      if (identity.keystore() != null) {
        password = identity.password() == null ? NO_PASSWORD : identity.password().toCharArray();
        store = KeyStore.getInstance(identity.keystore().toFile(), password);
      } else {
        password = NO_PASSWORD;
        store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        final List<Certificate> chain = certificates(identity.certificate());
        store.setKeyEntry("client", privateKey(identity.key()), password, chain.toArray(new Certificate[0]));
      }
      final KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    }
    catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new DruidException(
          0,
          "Cannot read the client certificate " + identity.describe() + " (" + e.getClass().getSimpleName() + "): "
          + "give --client-cert (PEM certificate chain) with --client-key (PEM PKCS#8 private key, unencrypted; "
          + "convert with `openssl pkcs8 -topk8 -nocrypt`), or --client-keystore (PKCS#12) with "
          + "--client-keystore-password-file if it has a password."
      );
    }
  }

  private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException
  {
    final Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("no certificate");
    }
    return List.copyOf(certificates);
  }

  /** A PKCS#8 key of any algorithm the JVM knows (RSA, EC, Ed25519). */
  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException
  {
    final Matcher pem = PKCS8.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!pem.find()) {
      throw new GeneralSecurityException("no PKCS#8 private key");
    }
    final PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      }
      catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }
}
