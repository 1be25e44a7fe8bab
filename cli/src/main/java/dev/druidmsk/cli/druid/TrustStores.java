package dev.druidmsk.cli.druid;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;

/** The trust managers that trust exactly the certificates of a PEM file or a JKS/PKCS12 truststore. */
final class TrustStores
{
  private TrustStores()
  {
  }

  static TrustManager[] trustManagers(DruidClient.TrustSettings settings)
  {
    try {
      final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(isPem(settings) ? fromPem(settings) : fromKeyStore(settings));
      return factory.getTrustManagers();
    }
    catch (IOException | GeneralSecurityException e) {
      throw new DruidException(
          0,
          "Cannot read --truststore " + settings.file() + " (" + e.getClass().getSimpleName() + "): give a PEM file "
          + "of CA certificates, or a JKS/PKCS12 truststore with --truststore-password-file if it has a password."
      );
    }
  }

  private static boolean isPem(DruidClient.TrustSettings settings)
  {
    final String name = settings.file().getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer");
  }

  private static KeyStore fromPem(DruidClient.TrustSettings settings) throws IOException, GeneralSecurityException
  {
    final Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(settings.file())) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new DruidException(0, "--truststore " + settings.file() + " holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }
    final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int index = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    return store;
  }

  private static KeyStore fromKeyStore(DruidClient.TrustSettings settings)
      throws IOException, GeneralSecurityException
  {
    final char[] password = settings.password() == null ? null : settings.password().toCharArray();
    return KeyStore.getInstance(settings.file().toFile(), password);
  }
}
