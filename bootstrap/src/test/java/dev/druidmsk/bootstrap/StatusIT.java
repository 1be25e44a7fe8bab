package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/** status and verify: the exit code tells installed (0), not installed (6) or drifted (7); --json for machines. */
class StatusIT extends DruidHomeTest
{
  private static final int NOT_INSTALLED = 6;
  private static final int DRIFT = 7;


  @Test
  void statusOfAStockHomeIsNotInstalled() throws Exception
  {
    final Installer.Result status = installer.run("status", "--druid-home", home.toString());

    assertThat(status.exitCode).isEqualTo(NOT_INSTALLED);
    assertThat(status.stdout).contains("druid-kafka-indexing-service: not installed");
  }

  @Test
  void statusAfterInstallIsInstalledWithTheBundleVersion() throws Exception
  {
    installer.install(home);

    final Installer.Result status = installer.run("status", "--druid-home", home.toString());

    assertThat(status.exitCode).as("%s", status).isZero();
    assertThat(status.stdout).contains("druid-msk-iam " + Bundle.manifest("bundle.version") + " installed at")
                             .contains("files intact");
  }

  @Test
  void verifyReportsAnAlteredJarAsDrift() throws Exception
  {
    installer.install(home);
    Files.writeString(kafkaFolder(home).resolve(Bundle.mskJar()), "x", StandardOpenOption.APPEND);

    final Installer.Result verify = installer.run("verify", "--druid-home", home.toString());

    assertThat(verify.exitCode).isEqualTo(DRIFT);
    assertThat(verify.stdout).contains(Bundle.mskJar() + " differs from the record")
                             .contains("fix: run druid-msk-install install again");
  }

  @Test
  void installAgainRepairsDrift() throws Exception
  {
    installer.install(home);
    Files.delete(kafkaFolder(home).resolve(Bundle.extensionJar()));

    installer.install(home);

    assertThat(installer.run("verify", "--druid-home", home.toString()).exitCode).isZero();
  }

  @Test
  void jsonStatusNamesEveryTargetAndItsState() throws Exception
  {
    DruidHomes.addExtension(home, "kafka-emitter");
    installer.install(home);

    final Installer.Result status = installer.run("status", "--druid-home", home.toString(), "--json");

    assertThat(status.exitCode).isZero();
    assertThat(status.stdout.trim())
        .startsWith("{\"druidHome\":\"" + home.toRealPath() + "\",\"status\":\"installed\",\"exitCode\":0,")
        .contains("{\"name\":\"druid-kafka-indexing-service\",\"state\":\"installed\",\"bundleVersion\":\""
                  + Bundle.manifest("bundle.version") + "\"")
        .contains("{\"name\":\"kafka-emitter\",\"state\":\"installed\"")
        .endsWith("]}");
  }

  @Test
  void jsonStatusOfADriftedInstallCarriesTheProblem() throws Exception
  {
    installer.install(home);
    Files.delete(kafkaFolder(home).resolve(Bundle.mskJar()));

    final Installer.Result status = installer.run("status", "--druid-home", home.toString(), "--json");

    assertThat(status.exitCode).isEqualTo(DRIFT);
    assertThat(status.stdout).contains("\"status\":\"drift\"")
                             .contains("\"problems\":\"" + Bundle.mskJar() + " is missing\"");
  }
}
