package dev.druidmsk.cli.input;

import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.Distribution;
import dev.druidmsk.cli.common.Folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Druid home whose classes validate a spec, found by one rule, first match wins:
 * <ol>
 *   <li>{@code --druid-home DIR};</li>
 *   <li>env {@code DRUID_MSK_DRUID_HOME};</li>
 *   <li>{@code druid-home/} beside the distribution's {@code lib/}, a stock Druid home without druid-msk (skipped for
 *   a node's home: it is no node's);</li>
 *   <li>{@code /opt/druid}, the home of the official Druid image, when it holds {@code lib/} and {@code extensions/}.</li>
 * </ol>
 * Nothing absolute is built into the distribution: it can be moved anywhere. A home of steps 1, 2 and 4 is used as
 * is, so a node without druid-msk's extension fails validation as it would fail on the cluster; the stock home of
 * step 3 gets druid-msk's extension overlaid with symbolic links in a temporary folder, one for the JVM's life (so
 * that {@link LoadedDruidHomes} loads it once however many specs the JVM validates), deleted when the JVM exits.
 */
public final class DruidHome
{
  public static final String ENV = "DRUID_MSK_DRUID_HOME";
  static final String KAFKA_EXTENSION = "druid-kafka-indexing-service";
  /** Where the distribution keeps the extension jars; tests point it elsewhere. */
  public static final String EXTENSION_DIR_PROPERTY = "druidmsk.extension.dir";
  /** Where the distribution's stock Druid home is; tests in the build tree point it at the build's. */
  public static final String STOCK_HOME_PROPERTY = "druidmsk.druid.home";
  static final Path IMAGE_HOME = Paths.get("/opt/druid");
  /** The overlays of this JVM, by stock home and extension folder. */
  private static final Map<List<Path>, Path> OVERLAYS = new ConcurrentHashMap<>();

  private final Path path;

  private DruidHome(Path path)
  {
    this.path = path;
  }

  /** A home to use as is, e.g. the node's own. */
  public static DruidHome of(Path home)
  {
    return new DruidHome(home);
  }

  /** The first home of the rule; fails naming what to pass when there is none. */
  static DruidHome forValidation(Path option, String env)
  {
    final Path named = named(option, env);
    if (named != null) {
      return of(named);
    }
    final Path stock = stockHome();
    if (isHome(stock)) {
      final Path extensionDir = extensionDir();
      return new DruidHome(OVERLAYS.computeIfAbsent(List.of(stock, extensionDir), key -> overlay(stock, extensionDir)));
    }
    if (isHome(IMAGE_HOME)) {
      return of(IMAGE_HOME);
    }
    throw new InputException(
        "No Druid home to validate with: pass --druid-home DIR (a Druid " + BuildInfo.druidVersion() + " folder with "
        + "lib/ and extensions/, the druid-msk extension installed), set " + ENV + ", or unpack a stock Druid "
        + BuildInfo.druidVersion() + " as " + stock + "."
    );
  }

  /** The rule without the distribution's stock home. */
  static Optional<Path> ofNode(Path option, String env)
  {
    final Path named = named(option, env);
    if (named != null) {
      return Optional.of(named);
    }
    return isHome(IMAGE_HOME) ? Optional.of(IMAGE_HOME) : Optional.empty();
  }

  /** The home of --druid-home or the environment, checked; null when neither is set. */
  private static Path named(Path option, String env)
  {
    if (option == null && env == null) {
      return null;
    }
    final Path home = (option != null ? option : Paths.get(env)).toAbsolutePath().normalize();
    if (!isHome(home)) {
      throw new InputException(
          (option != null ? "--druid-home" : ENV) + " " + home + " is not a Druid home: it must hold lib/ and "
          + "extensions/ (the folder a Druid node runs from)."
      );
    }
    return home;
  }

  private static boolean isHome(Path home)
  {
    return Files.isDirectory(home.resolve("lib")) && Files.isDirectory(home.resolve("extensions"));
  }

  private static Path stockHome()
  {
    return Distribution.path("druid-home", STOCK_HOME_PROPERTY);
  }

  public Path path()
  {
    return path;
  }

  private static Path extensionDir()
  {
    return Distribution.path("druid-extension", EXTENSION_DIR_PROPERTY);
  }

  private static Path overlay(Path stock, Path extensionDir)
  {
    final List<Path> extensionJars = jars(extensionDir);
    if (extensionJars.isEmpty()) {
      throw new InputException(
          "The druid-msk extension jars are missing from " + extensionDir + ": reinstall druid-msk, or pass "
          + "--druid-home DIR of a Druid node with the extension installed."
      );
    }
    try {
      final Path home = Files.createTempDirectory("druid-msk-home-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(home), "druid-msk-home-cleanup"));
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
      throw new InputException(
          "Cannot prepare a temporary Druid home (" + e.getClass().getSimpleName() + "): check free space in "
          + "java.io.tmpdir, or pass --druid-home DIR."
      );
    }
  }

  /** Only links and folders of links live in an overlay: deleting them never touches the linked jars. */
  private static void delete(Path overlay)
  {
    try {
      Folders.delete(overlay);
    }
    catch (IOException e) {
      System.err.println("druid-msk: cannot delete the temporary Druid home " + overlay + ": " + e.getMessage());
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
