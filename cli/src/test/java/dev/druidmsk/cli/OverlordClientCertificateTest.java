package dev.druidmsk.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An https Overlord that requires TLS client authentication: a PEM key and certificate, or a PKCS#12 keystore. The
 * tests share one Overlord and count its requests, so they run in order.
 */
@Execution(ExecutionMode.SAME_THREAD)
class OverlordClientCertificateTest
{
  private static final String STORE_PASSWORD = "changeit-mtls-1";

  @TempDir
  static Path dir;

  private static OverlordStub overlord;
  private static Path serverCa;
  private static Path clientKeystore;
  private static Path clientCert;
  private static Path clientKey;

  @BeforeAll
  static void startOverlordRequiringClientCertificates() throws Exception
  {
    final Path serverKeystore = dir.resolve("server.p12");
    Keytool.serverKeyPair(serverKeystore, "overlord", STORE_PASSWORD);
    serverCa = dir.resolve("overlord-ca.pem");
    Keytool.exportPem(serverKeystore, "overlord", STORE_PASSWORD, serverCa);

    clientKeystore = dir.resolve("operator.p12");
    Keytool.run("-genkeypair", "-alias", "operator", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=druid-msk-operator", "-storetype", "PKCS12", "-keystore", clientKeystore.toString(),
            "-storepass", STORE_PASSWORD);
    clientCert = dir.resolve("operator.pem");
    Keytool.exportPem(clientKeystore, "operator", STORE_PASSWORD, clientCert);
    final Path serverTruststore = dir.resolve("server-trust.p12");
    Keytool.run("-importcert", "-noprompt", "-alias", "operator", "-file", clientCert.toString(), "-storetype", "PKCS12",
            "-keystore", serverTruststore.toString(), "-storepass", STORE_PASSWORD);
    clientKey = dir.resolve("operator-key.pem");
    final Key key = load(clientKeystore).getKey("operator", STORE_PASSWORD.toCharArray());
    Files.writeString(clientKey, "-----BEGIN PRIVATE KEY-----\n"
                                 + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                                 + "\n-----END PRIVATE KEY-----\n");

    final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(serverKeystore), STORE_PASSWORD.toCharArray());
    final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(serverTruststore));
    final SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    overlord = new OverlordStub(tls, true).running(Specs.apiTelemetry());
  }

  @AfterAll
  static void stopOverlord()
  {
    overlord.close();
  }

  private static KeyStore load(Path file) throws Exception
  {
    final KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    return store;
  }

  private static Cli.Result status(String... tlsOptions)
  {
    final List<String> args = new ArrayList<>(List.of(
        "spec", "status", Specs.ID, "--overlord", overlord.url(), "--truststore", serverCa.toString()
    ));
    args.addAll(List.of(tlsOptions));
    return new Cli().run(args.toArray(new String[0]));
  }

  @Test
  void aPemKeyAndCertificateAuthenticateTheCommand()
  {
    final Cli.Result result = status("--client-cert", clientCert.toString(), "--client-key", clientKey.toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.out).contains("state          RUNNING");
  }

  @Test
  void aPkcs12KeystoreWithItsPasswordFileAuthenticatesTheCommand() throws Exception
  {
    final Path passwordFile = Files.writeString(dir.resolve("keystore-password"), STORE_PASSWORD + "\n");

    final Cli.Result result = status(
        "--client-keystore", clientKeystore.toString(), "--client-keystore-password-file", passwordFile.toString()
    );

    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.all()).doesNotContain(STORE_PASSWORD);
  }

  @Test
  void withoutAClientCertificateTheOverlordRefusesTheConnection()
  {
    final int requestsBefore = overlord.requests().size();
    final long start = System.nanoTime();
    final Cli.Result result = status();
    System.out.printf("without a client certificate: exit %d after %d ms: %s%n", result.exitCode,
                      java.time.Duration.ofNanos(System.nanoTime() - start).toMillis(), result.err.strip());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(overlord.requests()).hasSize(requestsBefore);
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedBeforeAnyRequest()
  {
    final Cli.Result result = status("--client-cert", clientCert.toString());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--client-cert and --client-key go together");
  }

  @Test
  void aKeyInAnotherPemFormNamesTheConversion() throws Exception
  {
    final Path pkcs1 = Files.writeString(dir.resolve("rsa-key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    final Cli.Result result = status("--client-cert", clientCert.toString(), "--client-key", pkcs1.toString());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("openssl pkcs8 -topk8 -nocrypt");
  }
}
