package dev.druidmsk.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildOutputsTest
{
  @Test
  void anUnbuiltRepositoryIsRefusedWithTheBuildCommand(@TempDir Path repository)
  {
    assertThatThrownBy(() -> BuildOutputs.inRepository(repository))
        .hasMessageContaining("is missing")
        .hasMessageContaining("mvn -B package -DskipTests");
  }

  @Test
  void twoBundlesAreRefusedWithACleanBuild(@TempDir Path repository) throws Exception
  {
    final Path target = Files.createDirectories(repository.resolve(BuildOutputs.ARTIFACTS));
    Files.createFile(target.resolve("druid-msk-iam-0.1.0-bundle.tar.gz"));
    Files.createFile(target.resolve("druid-msk-iam-0.2.0-bundle.tar.gz"));

    assertThatThrownBy(() -> BuildOutputs.inRepository(repository))
        .hasMessageContaining("expected one bundle")
        .hasMessageContaining("mvn -B clean package -DskipTests");
  }

  @Test
  void aBuiltRepositoryNamesEveryOutput(@TempDir Path repository) throws Exception
  {
    Files.createDirectories(repository.resolve("druid-home/target/druid-home/lib"));
    final Path artifacts = Files.createDirectories(repository.resolve(BuildOutputs.ARTIFACTS));
    final Path bundle = Files.createFile(artifacts.resolve("druid-msk-iam-0.1.0-bundle.tar.gz"));
    Files.createDirectories(artifacts.resolve("druid-msk/libexec"));
    final Path installer = Files.createFile(artifacts.resolve("druid-msk/libexec/druid-msk-install"));
    Files.createDirectories(artifacts.resolve("druid-msk/bin"));
    final Path launcher = Files.createFile(artifacts.resolve("druid-msk/bin/druid-msk"));

    final BuildOutputs outputs = BuildOutputs.inRepository(repository);

    assertThat(outputs.bundle()).isEqualTo(bundle);
    assertThat(outputs.installer()).isEqualTo(installer);
    assertThat(outputs.cliLauncher()).isEqualTo(launcher);
  }
}
