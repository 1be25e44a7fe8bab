package dev.druidmsk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Druid home whose classes validate a spec. A home the user names is used as is, so a node without druid-msk's
 * extension fails validation as it would fail on the cluster. The default is the stock Druid home of this build plus
 * druid-msk's extension, overlaid with symbolic links in a temporary folder (deleted on close).
 */
final class DruidHome implements AutoCloseable
{
  static final String KAFKA_EXTENSION = "druid-kafka-indexing-service";
  /** Where the distribution keeps the extension jars; tests point it elsewhere. */
  static final String EXTENSION_DIR_PROPERTY = "druidmsk.extension.dir";

  private final Path path;
  private final Path overlay;

  private DruidHome(Path path, Path overlay)
  {
    this.path = path;
    this.overlay = overlay;
  }

  static DruidHome resolve(Path option, CliContext context)
  {
    final String fromEnv = context.env(CliContext.ENV_DRUID_HOME);
    if (option != null || fromEnv != null) {
      final Path home = option != null ? option : Paths.get(fromEnv);
      requireHome(home, option != null ? "--druid-home" : "DRUID_MSK_DRUID_HOME");
      return new DruidHome(home, null);
    }
    final Path stock = Paths.get(BuildInfo.defaultDruidHome());
    if (!Files.isDirectory(stock.resolve("lib"))) {
      throw new CliException(
          "No Druid home to validate with: pass --druid-home DIR (a Druid " + BuildInfo.druidVersion()
          + " folder with lib/ and extensions/, the druid-msk extension installed) or set DRUID_MSK_DRUID_HOME."
      );
    }
    return new DruidHome(null, overlay(stock, extensionDir()));
  }

  Path path()
  {
    return path != null ? path : overlay;
  }

  @Override
  public void close()
  {
    if (overlay == null) {
      return;
    }
    // Only links and folders of links live here: deleting them never touches the linked jars.
    try (Stream<Path> paths = Files.walk(overlay)) {
      for (Path link : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(link);
      }
    }
    catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the temporary Druid home " + overlay, e);
    }
  }

  private static void requireHome(Path home, String source)
  {
    if (!Files.isDirectory(home.resolve("lib")) || !Files.isDirectory(home.resolve("extensions"))) {
      throw new CliException(
          source + " " + home + " is not a Druid home: it must hold lib/ and extensions/ (the folder a Druid node "
          + "runs from)."
      );
    }
  }

  private static Path extensionDir()
  {
    return Distribution.path("druid-extension", EXTENSION_DIR_PROPERTY);
  }

  private static Path overlay(Path stock, Path extensionDir)
  {
    final List<Path> extensionJars = jars(extensionDir);
    if (extensionJars.isEmpty()) {
      throw new CliException(
          "The druid-msk extension jars are missing from " + extensionDir + ": reinstall druid-msk, or pass "
          + "--druid-home DIR of a Druid node with the extension installed."
      );
    }
    try {
      final Path home = Files.createTempDirectory("druid-msk-home-");
      Files.createSymbolicLink(home.resolve("lib"), stock.resolve("lib").toAbsolutePath());
      final Path extensions = Files.createDirectory(home.resolve("extensions"));
      try (Stream<Path> folders = Files.list(stock.resolve("extensions"))) {
        for (Path folder : (Iterable<Path>) folders::iterator) {
          final Path target = extensions.resolve(folder.getFileName().toString());
          if (KAFKA_EXTENSION.equals(folder.getFileName().toString())) {
            // The MSK jar must sit beside kafka-clients (see druid-33 notes): link both sets into one folder.
            Files.createDirectory(target);
            final List<Path> all = new ArrayList<>(jars(folder));
            all.addAll(extensionJars);
            for (Path jar : all) {
              Files.createSymbolicLink(target.resolve(jar.getFileName().toString()), jar.toAbsolutePath());
            }
          } else {
            Files.createSymbolicLink(target, folder.toAbsolutePath());
          }
        }
      }
      return home;
    }
    catch (IOException e) {
      throw new CliException(
          "Cannot prepare a temporary Druid home (" + e.getClass().getSimpleName() + "): check free space in "
          + "java.io.tmpdir, or pass --druid-home DIR."
      );
    }
  }

  private static List<Path> jars(Path folder)
  {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
