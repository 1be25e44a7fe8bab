package dev.druidmsk.templates.validation;

import dev.druidmsk.templates.TemplateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What SpecValidator says about a folder that is not a Druid home; no Druid needed. */
class DruidHomeTest
{
  @TempDir
  Path home;

  @Test
  void aFolderWithoutExtensionsIsNotAHome()
  {
    assertThatThrownBy(() -> SpecValidator.forDruidHome(home))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("is not a usable Druid home: it has no extensions/ folder")
        .hasMessageContaining("--druid-home");
  }

  @Test
  void aFolderWithoutLibJarsIsNotAHome() throws Exception
  {
    Files.createDirectories(home.resolve("extensions"));
    Files.createDirectories(home.resolve("lib"));

    assertThatThrownBy(() -> SpecValidator.forDruidHome(home))
        .hasMessageContaining("is not a usable Druid home: its lib/ folder holds no jars");
  }

  @Test
  void aLibWithoutDruidIsNotAHome() throws Exception
  {
    Files.createDirectories(home.resolve("extensions"));
    final Path someJar = Path.of(Yaml.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(someJar, Files.createDirectories(home.resolve("lib")).resolve("some.jar"));

    assertThatThrownBy(() -> SpecValidator.forDruidHome(home))
        .hasMessageContaining("loading Druid's classes and extensions from it failed with")
        .hasMessageContaining("ClassNotFoundException");
  }
}
