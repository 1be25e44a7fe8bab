package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/** --from-maven: the bundle by version from a Maven repository the user names, checked against its digests. */
class MavenDownloadIT extends DruidHomeTest
{
  private static final int BUNDLE = 4;
  private static final String SHA256 = FolderSnapshot.sha256(Bundle.TARBALL);


  @Test
  void installsTheBundleOfAVersionFromARepositoryOverHttp() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"), SHA256)) {
      final Installer.Result result = fromMaven("--maven-repo", repository.url(), "--sha256", SHA256);

      assertThat(result.exitCode).as("%s", result).isZero();
      assertThat(result.stdout).contains("downloading " + repository.url() + "/dev/druidmsk/druid-msk-iam-extension/");
      assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
      assertThat(result.stderr).doesNotContain("publishes no checksum");
    }
  }

  @Test
  void repositoryFromTheEnvironmentIsUsedAndFileUrlsWork() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"), SHA256)) {
      final Installer.Result result = installer.with("DRUID_MSK_MAVEN_REPO", repository.root.toUri().toString())
                                               .run("install", "--druid-home", home.toString(),
                                                    "--from-maven", MavenRepository.VERSION);

      assertThat(result.exitCode).as("%s", result).isZero();
      assertThat(kafkaFolder(home).resolve(Bundle.extensionJar())).exists();
    }
  }

  @Test
  void downloadNotMatchingTheRepositoryDigestIsRefused() throws Exception
  {
    final var before = FolderSnapshot.of(home);
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"), "0".repeat(64))) {
      final Installer.Result result = fromMaven("--maven-repo", repository.url());

      assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
      assertThat(result.stderr).contains("does not match the repository's");
      assertThat(FolderSnapshot.of(home)).isEqualTo(before);
    }
  }

  @Test
  void unpublishedVersionIsRefusedWithTheFix() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"), SHA256)) {
      final Installer.Result result = installer.run("install", "--druid-home", home.toString(),
                                                    "--from-maven", "9.9.9", "--maven-repo", repository.url());

      assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
      assertThat(result.stderr).contains("could not download").contains("fix: check --maven-repo and --from-maven");
    }
  }

  @Test
  void repositoryWithoutChecksumsWarnsToPinTheDigest() throws Exception
  {
    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"), null)) {
      final Installer.Result result = fromMaven("--maven-repo", repository.url());

      assertThat(result.exitCode).as("%s", result).isZero();
      assertThat(result.stderr).contains("publishes no checksum").contains("pin its SHA-256 with --sha256");
    }
  }

  @Test
  void bundleAndFromMavenTogetherAreAUsageError() throws Exception
  {
    final Installer.Result result = installer.install(home, "--from-maven", "1.0", "--maven-repo", "file:///x");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.stderr).contains("--bundle and --from-maven both given");
    assertThat(Files.exists(kafkaFolder(home).resolve(Bundle.mskJar()))).isFalse();
  }

  private Installer.Result fromMaven(String... extra) throws Exception
  {
    final String[] arguments = new String[5 + extra.length];
    System.arraycopy(new String[]{"install", "--druid-home", home.toString(), "--from-maven", MavenRepository.VERSION},
                     0, arguments, 0, 5);
    System.arraycopy(extra, 0, arguments, 5, extra.length);
    return installer.run(arguments);
  }
}
