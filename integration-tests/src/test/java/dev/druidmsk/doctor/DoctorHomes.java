package dev.druidmsk.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Druid homes for the doctor: the stock home of druid-home (lib/ linked, extensions/ copied), bundle or not. */
final class DoctorHomes
{
  private DoctorHomes()
  {
  }

  static Path stock(Path dir) throws IOException
  {
    final Path layout = Paths.get(System.getProperty("druid.home.layout"));
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("lib"), layout.resolve("lib").toAbsolutePath());
    try (Stream<Path> files = Files.walk(layout.resolve("extensions"))) {
      for (Path source : (Iterable<Path>) files::iterator) {
        final Path target = dir.resolve(layout.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return dir;
  }

  /** A stock home with the druid-msk bundle installed by bootstrap's installer, as on a provisioned node. */
  static Path installed(Path dir) throws IOException, InterruptedException
  {
    final Path home = stock(dir);
    final Process install = new ProcessBuilder(List.of(
        "bash", System.getProperty("druidmsk.installer"), "install", "--druid-home", home.toString(),
        "--bundle", System.getProperty("druidmsk.bundle"), "--quiet"
    )).inheritIO().start();
    if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
      install.destroyForcibly();
      throw new IllegalStateException("druid-msk-install failed for " + home);
    }
    return home;
  }
}
