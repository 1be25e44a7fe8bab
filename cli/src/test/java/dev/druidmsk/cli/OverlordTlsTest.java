package dev.druidmsk.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * https to the Overlord with a private CA: trusted through --truststore as PEM or as a keystore, else refused. The
 * tests share one Overlord, so they run in order.
 */
@Execution(ExecutionMode.SAME_THREAD)
class OverlordTlsTest
{
  private static final String STORE_PASSWORD = "changeit-tls-1";

  @TempDir
  static Path dir;

  private static OverlordStub overlord;
  private static Path pem;
  private static Path truststore;

  @BeforeAll
  static void startHttpsOverlord() throws Exception
  {
    final Path keystore = dir.resolve("server.p12");
    Keytool.serverKeyPair(keystore, "overlord", STORE_PASSWORD);
    pem = dir.resolve("overlord-ca.pem");
    Keytool.exportPem(keystore, "overlord", STORE_PASSWORD, pem);
    truststore = dir.resolve("truststore.p12");
    Keytool.run("-importcert", "-noprompt", "-alias", "overlord", "-file", pem.toString(), "-storetype", "PKCS12",
            "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);

    final KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD.toCharArray());
    final SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    overlord = new OverlordStub(tls).running(Specs.apiTelemetry());
  }

  @AfterAll
  static void stopOverlord()
  {
    overlord.close();
  }

  @Test
  void aPemTruststoreLetsTheCommandTrustTheOverlord()
  {
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", overlord.url(), "--truststore", pem.toString());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.out).contains("state          RUNNING");
  }

  @Test
  void aPkcs12TruststoreWithItsPasswordFileWorksToo() throws Exception
  {
    final Path passwordFile = Files.writeString(dir.resolve("truststore-password"), STORE_PASSWORD + "\n");
    final Cli.Result result = new Cli().run(
        "spec", "status", Specs.ID, "--overlord", overlord.url(),
        "--truststore", truststore.toString(), "--truststore-password-file", passwordFile.toString()
    );
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.all()).doesNotContain(STORE_PASSWORD);
  }

  @Test
  void anUntrustedCertificateExitsTwoPointingAtTruststore()
  {
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", overlord.url());
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("for https, check --truststore");
  }

  @Test
  void aTruststoreThatIsNotOneExitsTwo() throws Exception
  {
    final Path notPem = Files.writeString(dir.resolve("nothing.pem"), "not a certificate\n");
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", overlord.url(), "--truststore", notPem.toString());
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--truststore " + notPem);
  }
}
