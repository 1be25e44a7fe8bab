package dev.druidmsk.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
    return altered(workDir, folder -> Files.writeString(folder.resolve(mskJar()), "x", StandardOpenOption.APPEND));
  }

  /** A copy with a symbolic link among its files: extracting it could write outside the staging folder. */
  static Path withLink(Path workDir) throws IOException, InterruptedException
  {
    return altered(workDir, folder -> Files.createSymbolicLink(folder.resolve("licenses/outside"), Path.of("/etc")));
  }

  /** Changes the unpacked bundle folder in place. */
  @FunctionalInterface
  interface Change
  {
    void apply(Path folder) throws IOException;
  }

  /**
   * A copy whose unpacked folder CHANGE altered, packed again by GNU tar with TAR_OPTIONS (which may rename
   * members, e.g. {@code --transform}), in name order.
   */
  static Path altered(Path workDir, Change change, String... tarOptions) throws IOException, InterruptedException
  {
    final Path folder = unpack(workDir).resolve(topFolder());
    change.apply(folder);
    return pack(folder, workDir.resolve(TARBALL.getFileName()), tarOptions);
  }

  /** The first LENGTH bytes of the bundle: an interrupted download. */
  static Path truncated(Path workDir, long length) throws IOException
  {
    final byte[] bytes = Files.readAllBytes(TARBALL);
    return Files.write(workDir.resolve(TARBALL.getFileName()), Arrays.copyOf(bytes, Math.toIntExact(length)));
  }

  /** The bundle with one bit of its gzip stream flipped at OFFSET. */
  static Path gzipBitFlipped(Path workDir, int offset) throws IOException
  {
    final byte[] bytes = Files.readAllBytes(TARBALL);
    bytes[offset] ^= 0x10;
    return Files.write(workDir.resolve(TARBALL.getFileName()), bytes);
  }

  /** The bundle with one bit of its uncompressed tar stream flipped at OFFSET, compressed again. */
  static Path tarBitFlipped(Path workDir, int offset) throws IOException
  {
    final byte[] tar;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(TARBALL))) {
      tar = in.readAllBytes();
    }
    tar[offset] ^= 0x10;
    final Path flipped = workDir.resolve(TARBALL.getFileName());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(flipped))) {
      out.write(tar);
    }
    return flipped;
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
    resum(folder);
    return pack(folder, workDir.resolve(top + "-bundle.tar.gz"));
  }

  /**
   * A copy whose manifest sets KEY to VALUE, SHA256SUMS made to match: a crafted bundle that passes its own
   * checksums, as anyone who can write a bundle can make.
   */
  static Path withManifestValue(Path workDir, String key, String value) throws IOException, InterruptedException
  {
    return altered(workDir, folder -> {
      final Path manifest = folder.resolve("druid-msk-bundle.properties");
      Files.writeString(manifest, Files.readString(manifest).replaceFirst(
          "(?m)^" + key.replace(".", "\\.") + "=.*$",
          Matcher.quoteReplacement(key + "=" + value)
      ));
      try {
        resum(folder);
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    });
  }

  private static void resum(Path folder) throws IOException, InterruptedException
  {
    run(List.of("bash", "-c", "cd '" + folder + "' && find . -type f ! -name SHA256SUMS | sed 's|^./||' | sort"
                              + " | xargs sha256sum > SHA256SUMS"));
  }

  private static Path unpack(Path workDir) throws IOException, InterruptedException
  {
    final Path unpacked = Files.createDirectories(workDir.resolve("unpacked"));
    run(List.of("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString()));
    return unpacked;
  }

  private static Path pack(Path folder, Path tarball, String... tarOptions) throws IOException, InterruptedException
  {
    final List<String> command = new ArrayList<>(List.of("tar", "-czf", tarball.toString(), "--sort=name"));
    command.addAll(List.of(tarOptions));
    command.addAll(List.of("-C", folder.getParent().toString(), folder.getFileName().toString()));
    run(command);
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
