package dev.druidmsk.cli.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class InstallationChecksTest
{
  @TempDir
  Path home;

  @Test
  void oneCopyInTheKafkaFolderPasses() throws IOException
  {
    layout();
    mskJar(home.resolve("extensions/druid-kafka-indexing-service/aws-msk-iam-auth-2.3.9-relocated.jar"), "2.3.9");

    final CheckResult check = InstallationChecks.singleMskJar(home);

    assertThat(check.status()).isEqualTo(CheckStatus.PASS);
    assertThat(check.summary()).isEqualTo("one aws-msk-iam-auth version (2.3.9)");
  }

  @Test
  void twoVersionsInOneHomeFail() throws IOException
  {
    layout();
    mskJar(home.resolve("extensions/druid-kafka-indexing-service/aws-msk-iam-auth-2.3.9-relocated.jar"), "2.3.9");
    mskJar(home.resolve("extensions/kafka-emitter/aws-msk-iam-auth-2.2.0-all.jar"), "2.2.0");

    final CheckResult check = InstallationChecks.singleMskJar(home);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.summary()).contains("different versions in one home: 2.2.0, 2.3.9");
    assertThat(check.evidence()).contains("extensions/kafka-emitter/aws-msk-iam-auth-2.2.0-all.jar (aws-msk-iam-auth 2.2.0)");
  }

  @Test
  void aCopyInLibFails() throws IOException
  {
    layout();
    mskJar(home.resolve("lib/aws-msk-iam-auth-2.3.9-all.jar"), "2.3.9");

    final CheckResult check = InstallationChecks.singleMskJar(home);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.summary()).contains("lib/ holds aws-msk-iam-auth");
  }

  @Test
  void jarsWithoutTheLoginModuleAreIgnored() throws IOException
  {
    layout();
    Files.write(home.resolve("lib/other.jar"), zip("other/Thing.class", "x"));

    assertThat(InstallationChecks.mskVersion(home.resolve("lib/other.jar"))).isNull();
  }

  @Test
  void missingInstallerFailsNamingTheOption() throws IOException
  {
    layout();

    final CheckResult check = InstallationChecks.bundle(home.resolve("no-such-installer"), home, Duration.ofSeconds(5));

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.fix()).contains("--installer PATH");
  }

  private void layout() throws IOException
  {
    Files.createDirectories(home.resolve("lib"));
    Files.createDirectories(home.resolve("extensions/druid-kafka-indexing-service"));
    Files.createDirectories(home.resolve("extensions/kafka-emitter"));
  }

  private static void mskJar(Path jar, String version) throws IOException
  {
    Files.write(jar, zip(InstallationChecks.LOGIN_MODULE_CLASS, "class", "version.properties", "version=" + version));
  }

  /** A jar of the given entries: name, content, name, content... */
  private static byte[] zip(String... entries) throws IOException
  {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < entries.length; i += 2) {
        zip.putNextEntry(new ZipEntry(entries[i]));
        zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
