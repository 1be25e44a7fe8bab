package dev.druidmsk.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The real bundle built by druid-msk-iam-extension, its manifest, and altered copies of it for refusal tests. */
final class Bundle
{
  /** A private copy, so a rebuild of the extension while the tests run cannot change the bundle under them. */
  static final Path TARBALL = snapshot(Path.of(System.getProperty("druidmsk.bundle")));
  private static final Properties MANIFEST = readManifest();

  private Bundle()
  {
  }

  static String manifest(String key)
  {
    return MANIFEST.getProperty(key);
  }

  static String extensionJar()
  {
    return manifest("extension.jar");
  }

  static String mskJar()
  {
    return manifest("aws-msk-iam-auth.jar");
  }

  static String topFolder()
  {
    return manifest("bundle.name") + "-" + manifest("bundle.version");
  }

  /** A copy whose MSK jar has one byte more than SHA256SUMS says: what a damaged download looks like. */
  static Path tampered(Path workDir) throws IOException, InterruptedException
  {
    final Path folder = unpack(workDir).resolve(topFolder());
    Files.writeString(folder.resolve(mskJar()), "x", StandardOpenOption.APPEND);
    return pack(folder, workDir.resolve(TARBALL.getFileName()));
  }

  /** A copy with a symbolic link among its files: extracting it could write outside the staging folder. */
  static Path withLink(Path workDir) throws IOException, InterruptedException
  {
    final Path folder = unpack(workDir).resolve(topFolder());
    Files.createSymbolicLink(folder.resolve("licenses/outside"), Path.of("/etc"));
    return pack(folder, workDir.resolve(TARBALL.getFileName()));
  }

  /**
   * The same bundle relabelled as another druid-msk version (manifest, extension jar name, SHA256SUMS), standing
   * in for an earlier release that is installed before an upgrade.
   */
  static Path relabelled(Path workDir, String version) throws IOException, InterruptedException
  {
    final Path unpacked = unpack(workDir);
    final String top = manifest("bundle.name") + "-" + version;
    final Path folder = Files.move(unpacked.resolve(topFolder()), unpacked.resolve(top));
    final String extensionJar = "druid-msk-iam-extension-" + version + ".jar";
    Files.move(folder.resolve(extensionJar()), folder.resolve(extensionJar));
    final Path manifest = folder.resolve("druid-msk-bundle.properties");
    Files.writeString(manifest, Files.readString(manifest)
                                     .replace("bundle.version=" + manifest("bundle.version"), "bundle.version=" + version)
                                     .replace("extension.jar=" + extensionJar(), "extension.jar=" + extensionJar));
    run(List.of("bash", "-c", "cd '" + folder + "' && find . -type f ! -name SHA256SUMS | sed 's|^./||' | sort"
                              + " | xargs sha256sum > SHA256SUMS"));
    return pack(folder, workDir.resolve(top + "-bundle.tar.gz"));
  }

  private static Path unpack(Path workDir) throws IOException, InterruptedException
  {
    final Path unpacked = Files.createDirectories(workDir.resolve("unpacked"));
    run(List.of("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString()));
    return unpacked;
  }

  private static Path pack(Path folder, Path tarball) throws IOException, InterruptedException
  {
    run(List.of("tar", "-czf", tarball.toString(), "-C", folder.getParent().toString(),
                folder.getFileName().toString()));
    return tarball;
  }

  private static void run(List<String> command) throws IOException, InterruptedException
  {
    final Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(command + " failed");
    }
  }

  private static Path snapshot(Path built)
  {
    try {
      final Path copy = Files.createTempDirectory("druid-msk-bundle").resolve(built.getFileName());
      Files.copy(built, copy);
      copy.toFile().deleteOnExit();
      copy.getParent().toFile().deleteOnExit();
      return copy;
    }
    catch (IOException e) {
      throw new UncheckedIOException("the bundle " + built + " is missing: build druid-msk-iam-extension first", e);
    }
  }

  private static Properties readManifest()
  {
    try {
      final Process tar = new ProcessBuilder(
          "tar", "-xzOf", TARBALL.toString(), "--wildcards", "*/druid-msk-bundle.properties"
      ).start();
      final Properties properties = new Properties();
      try (InputStream in = tar.getInputStream()) {
        properties.load(in);
      }
      tar.waitFor(60, TimeUnit.SECONDS);
      return properties;
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
