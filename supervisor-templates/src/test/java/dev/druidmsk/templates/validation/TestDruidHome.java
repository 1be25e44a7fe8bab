package dev.druidmsk.templates.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Druid homes for tests, built from the stock Druid 33 layout of the druid-home module (read-only, shared): lib/ is
 * linked, extensions/druid-kafka-indexing-service/ is a copy, to which the druid-msk jars are added the way
 * bootstrap's installer adds them.
 */
final class TestDruidHome
{
  static final String KAFKA_EXTENSION = "druid-kafka-indexing-service";

  private TestDruidHome()
  {
  }

  static Path withDruidMskBundle(Path home) throws IOException
  {
    final Path kafka = stock(home);
    for (Path jar : jars(bundleFolder())) {
      Files.copy(jar, kafka.resolve(jar.getFileName()));
    }
    return home;
  }

  static Path withoutDruidMskBundle(Path home) throws IOException
  {
    stock(home);
    return home;
  }

  /** The one top folder of the unpacked bundle tarball. */
  private static Path bundleFolder() throws IOException
  {
    try (Stream<Path> folders = Files.list(Path.of(System.getProperty("druidmsk.bundle.dir")))) {
      return folders.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  private static Path stock(Path home) throws IOException
  {
    final Path layout = Path.of(System.getProperty("druid.home.layout"));
    Files.createSymbolicLink(home.resolve("lib"), layout.resolve("lib"));
    final Path kafka = Files.createDirectories(home.resolve("extensions").resolve(KAFKA_EXTENSION));
    for (Path jar : jars(layout.resolve("extensions").resolve(KAFKA_EXTENSION))) {
      Files.copy(jar, kafka.resolve(jar.getFileName()));
    }
    // The other stock extensions (datasketches: the telemetry template's latency sketch) as they are.
    try (Stream<Path> folders = Files.list(layout.resolve("extensions"))) {
      for (Path folder : folders.filter(f -> !f.getFileName().toString().equals(KAFKA_EXTENSION)).toList()) {
        Files.createSymbolicLink(home.resolve("extensions").resolve(folder.getFileName()), folder);
      }
    }
    return kafka;
  }

  private static List<Path> jars(Path folder) throws IOException
  {
    try (Stream<Path> files = Files.list(folder)) {
      final List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new IllegalStateException("no jars in " + folder + "; build with mvn -pl supervisor-templates -am");
      }
      return jars;
    }
  }
}
