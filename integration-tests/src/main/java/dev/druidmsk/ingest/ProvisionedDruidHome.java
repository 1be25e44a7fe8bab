package dev.druidmsk.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Druid home made as an operator makes one: the stock Druid 33 home (lib/ shared by link, each extension folder
 * a copy), then, unless told otherwise, druid-msk installed by bootstrap's installer from the bundle.
 */
public final class ProvisionedDruidHome
{
  private ProvisionedDruidHome()
  {
  }

  /** A stock home with no druid-msk jars. */
  public static Path stock(Path home, Path layout) throws IOException
  {
    Files.createDirectories(home.resolve("extensions"));
    Files.createSymbolicLink(home.resolve("lib"), layout.resolve("lib"));
    try (Stream<Path> folders = Files.list(layout.resolve("extensions"))) {
      for (Path folder : folders.toList()) {
        final Path copy = Files.createDirectories(home.resolve("extensions").resolve(folder.getFileName()));
        try (Stream<Path> jars = Files.list(folder)) {
          for (Path jar : jars.toList()) {
            Files.copy(jar, copy.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    }
    return home;
  }

  /** A stock home with the bundle installed by {@code bootstrap/druid-msk-install}; returns the installer's output. */
  public static String installed(Path home, BuildOutputs build) throws IOException, InterruptedException
  {
    stock(home, build.druidHomeLayout());
    final Process install = new ProcessBuilder(List.of(
        build.installer().toString(), "install", "--druid-home", home.toString(), "--bundle", build.bundle().toString()
    )).redirectErrorStream(true).start();
    final String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!install.waitFor(2, TimeUnit.MINUTES) || install.exitValue() != 0) {
      throw new IllegalStateException("bootstrap's installer failed:\n" + output);
    }
    return output;
  }
}
