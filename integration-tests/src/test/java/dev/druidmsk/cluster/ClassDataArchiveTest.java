package dev.druidmsk.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassDataArchiveTest
{
  @TempDir
  Path temp;

  @Test
  void classPathIsTheLibJarsByRealPathInNameOrder() throws Exception
  {
    final Path lib = Files.createDirectories(temp.resolve("stock/lib"));
    Files.writeString(lib.resolve("b.jar"), "b");
    Files.writeString(lib.resolve("a.jar"), "a");
    Files.writeString(lib.resolve("README.txt"), "not a jar");
    final Path home = Files.createDirectories(temp.resolve("home"));
    Files.createSymbolicLink(home.resolve("lib"), lib);

    assertThat(ClassDataArchive.classPath(home)).containsExactly(
        lib.toRealPath().resolve("a.jar"),
        lib.toRealPath().resolve("b.jar")
    );
  }

  @Test
  void homeWithoutLibIsNamedInTheError()
  {
    assertThatThrownBy(() -> ClassDataArchive.classPath(temp))
        .hasMessageContaining("cannot list the jars of " + temp.resolve("lib"));
  }

  @Test
  void archiveIsBuiltOnceThenReused() throws Exception
  {
    final Path home = homeWithOneJar();
    final Path cache = temp.resolve("cache");
    final List<String> progress = new ArrayList<>();

    final Optional<Path> built = ClassDataArchive.prepare(home, cache, progress::add);
    final Optional<Path> reused = ClassDataArchive.prepare(home, cache, progress::add);

    assertThat(built).isPresent();
    assertThat(built.get()).isRegularFile();
    assertThat(reused).isEqualTo(built);
    assertThat(progress).filteredOn(line -> line.startsWith("building")).hasSize(1);
  }

  /** A lib/ of one empty jar: the JDK archives its own classes of the list and skips the rest, in seconds. */
  private Path homeWithOneJar() throws Exception
  {
    final Path home = temp.resolve("home");
    final Path jar = Files.createDirectories(home.resolve("lib")).resolve("empty.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
      out.flush();
    }
    return home;
  }
}
