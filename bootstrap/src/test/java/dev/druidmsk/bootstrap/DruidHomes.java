package dev.druidmsk.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Temporary Druid homes laid out from the stock Druid home of the druid-home module: lib/ holds only
 * druid-server-*.jar (all the installer reads there), extensions/ a copy of the Kafka indexing extension.
 */
final class DruidHomes
{
  static final Path STOCK = Path.of(System.getProperty("druid.home.layout"));
  static final String KAFKA = "druid-kafka-indexing-service";

  private DruidHomes()
  {
  }

  static Path stock(Path home) throws IOException
  {
    final Path lib = Files.createDirectories(home.resolve("lib"));
    for (Path jar : list(STOCK.resolve("lib"))) {
      if (jar.getFileName().toString().startsWith("druid-server-")) {
        Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    final Path kafka = Files.createDirectories(home.resolve("extensions").resolve(KAFKA));
    for (Path jar : list(STOCK.resolve("extensions").resolve(KAFKA))) {
      Files.copy(jar, kafka.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }
    return home;
  }

  /** An extension folder with one jar, standing in for an optional Kafka-using extension of the home. */
  static Path addExtension(Path home, String name) throws IOException
  {
    final Path folder = Files.createDirectories(home.resolve("extensions").resolve(name));
    Files.writeString(folder.resolve(name + "-33.0.0.jar"), "stand-in for " + name);
    return folder;
  }

  static Path kafkaFolder(Path home)
  {
    return home.resolve("extensions").resolve(KAFKA);
  }

  static List<Path> list(Path folder) throws IOException
  {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().collect(Collectors.toList());
    }
  }
}
