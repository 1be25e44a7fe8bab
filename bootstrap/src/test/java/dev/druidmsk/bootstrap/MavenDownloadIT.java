package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * --from-maven: the bundle by version from a Maven repository the user names, over https only, trusted through the
 * SHA-256 the user pins. The sandbox's busybox wget (no certificate verification, no signature_algorithms in its
 * handshake) is served by {@link LegacyTlsServer}; curl (the host's, added to the sandbox, as on a node image that
 * has it) by the JDK's HTTPS server with a certificate it trusts.
 */
class MavenDownloadIT extends DruidHomeTest
{
  private static final int USAGE = 2;
  private static final int BUNDLE = 4;
  private static final String SHA256 = FolderSnapshot.sha256(Bundle.TARBALL);

  @Test
  void busyboxWgetInstallsOverHttpsFromAServerThatAcceptsItsHandshake() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"));
         LegacyTlsServer server = LegacyTlsServer.serving(repository.root, temp)) {
      final Installer.Result result = fromMaven(server.url(), "--sha256", SHA256);

      assertThat(result.exitCode).as("%s", result).isZero();
      assertThat(result.stderr).contains("wget: note: TLS certificate validation not implemented");
      assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
    }
  }

  @Test
  void fromMavenWithoutAPinnedDigestIsRefusedBeforeAnyDownload() throws Exception
  {
    final var before = FolderSnapshot.of(home);
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = fromMaven(repository.url());

      assertThat(result.exitCode).as("%s", result).isEqualTo(USAGE);
      assertThat(result.stderr).contains("--from-maven needs --sha256").contains("fix: pass --sha256");
      assertThat(repository.requests()).isZero();
    }
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
  }

  @Test
  void plainHttpRepositoryIsRefused() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = fromMaven(repository.plainUrl(), "--sha256", SHA256);

      assertThat(result.exitCode).as("%s", result).isEqualTo(USAGE);
      assertThat(result.stderr).contains("is not https:// or file://").contains("fix: use the https URL");
      assertThat(repository.requests()).isZero();
    }
  }

  @Test
  void downloadNotMatchingThePinnedDigestIsRefused() throws Exception
  {
    final var before = FolderSnapshot.of(home);
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = withCurl().with("CURL_CA_BUNDLE", MavenRepository.CA_PEM.toString())
                                                .run(fromMavenArguments(repository.url(), "--sha256", "0".repeat(64)));

      assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
      assertThat(result.stderr).contains("but --sha256 pins " + "0".repeat(64));
    }
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
  }

  @Test
  void curlVerifiesTheRepositoryCertificateAndInstalls() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = withCurl().with("CURL_CA_BUNDLE", MavenRepository.CA_PEM.toString())
                                                .run(fromMavenArguments(repository.url(), "--sha256", SHA256));

      assertThat(result.exitCode).as("%s", result).isZero();
      assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
    }
  }

  @Test
  void curlRefusesAnUntrustedCertificate() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = withCurl().with("CURL_CA_BUNDLE", "/nonexistent")
                                                .run(fromMavenArguments(repository.url(), "--sha256", SHA256));

      assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
      assertThat(result.stderr).contains("could not download");
    }
  }

  @Test
  void curlRefusesARedirectToPlainHttp() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = withCurl().with("CURL_CA_BUNDLE", MavenRepository.CA_PEM.toString()).run(
          fromMavenArguments(repository.redirectingUrl(), "--sha256", SHA256)
      );

      assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
      assertThat(result.stderr).contains("could not download");
      assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).doesNotExist();
    }
  }

  @Test
  void repositoryFromTheEnvironmentIsUsedAndFileUrlsWork() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = installer.with("DRUID_MSK_MAVEN_REPO", repository.root.toUri().toString())
                                               .run("install", "--druid-home", home.toString(),
                                                    "--from-maven", MavenRepository.VERSION, "--sha256", SHA256);

      assertThat(result.exitCode).as("%s", result).isZero();
      assertThat(kafkaFolder(home).resolve(Bundle.extensionJar())).exists();
    }
  }

  @Test
  void unpublishedVersionIsRefusedWithTheFix() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result result = withCurl().with("CURL_CA_BUNDLE", MavenRepository.CA_PEM.toString()).run(
          "install", "--druid-home", home.toString(), "--from-maven", "9.9.9", "--maven-repo", repository.url(),
          "--sha256", SHA256
      );

      assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
      assertThat(result.stderr).contains("could not download").contains("fix: check --maven-repo and --from-maven");
      assertThat(repository.requests()).as("attempts").isEqualTo(3);
    }
  }

  @Test
  void bundleAndFromMavenTogetherAreAUsageError() throws Exception
  {
    final Installer.Result result = installer.install(home, "--from-maven", "1.0", "--maven-repo", "file:///x");

    assertThat(result.exitCode).isEqualTo(USAGE);
    assertThat(result.stderr).contains("--bundle and --from-maven both given");
    assertThat(Files.exists(kafkaFolder(home).resolve(Bundle.mskJar()))).isFalse();
  }

  /** The sandbox plus the host's curl, as on a node image that has it. */
  private Installer withCurl() throws Exception
  {
    final Path bin = Files.createDirectories(temp.resolve("curl-bin"));
    Files.createSymbolicLink(bin.resolve("curl"), Path.of(Sandbox.run("bash", "-c", "command -v curl").trim()));
    return installer.with("PATH", bin + ":" + Sandbox.shared().path());
  }

  private Installer.Result fromMaven(String repository, String... extra) throws Exception
  {
    return installer.run(fromMavenArguments(repository, extra));
  }

  private String[] fromMavenArguments(String repository, String... extra)
  {
    final List<String> arguments = new ArrayList<>(List.of(
        "install", "--druid-home", home.toString(), "--from-maven", MavenRepository.VERSION, "--maven-repo", repository
    ));
    arguments.addAll(List.of(extra));
    return arguments.toArray(new String[0]);
  }
}
