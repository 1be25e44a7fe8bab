package dev.druidmsk.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A class-data sharing archive (the JDK's CDS) of the classes Druid's services and ZooKeeper load from a Druid home's
 * {@code lib/}: a JVM started with it maps them instead of reading, parsing and verifying each, which halved a Broker's
 * start here (8.5 to 4.0 CPU-s; three Brokers and three Historicals starting at once on two cores: 48 to 28 s). The
 * classes are those a running cluster loaded ({@value #CLASS_LIST}, recorded as docs/development.md says); a class
 * the list names that this Druid lacks is skipped, so a list older than the Druid version only shares less.
 *
 * <p>An archive holds for one JDK build and one class path, in order: {@link #classPath} is the class path of every
 * service, with or without an archive. A JVM whose JDK or class path differs from its archive's ignores the archive.
 * It is built once per cache folder and key, under a file lock, so that concurrent test JVMs build it once.
 */
public final class ClassDataArchive
{
  /** The class list, gzipped: about 20,000 class names, 1 MB as text. */
  static final String CLASS_LIST = "druid-services.classlist.gz";
  private static final long DUMP_TIMEOUT_MINUTES = 5;

  private ClassDataArchive()
  {
  }

  /** The jars of {@code druidHome}'s lib/ by their real paths, sorted: a wildcard's order is the directory's. */
  public static List<Path> classPath(Path druidHome)
  {
    try (Stream<Path> files = Files.list(druidHome.resolve("lib").toRealPath())) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
    catch (IOException e) {
      throw new UncheckedIOException("cannot list the jars of " + druidHome.resolve("lib"), e);
    }
  }

  /**
   * The archive for {@code druidHome}'s lib/ and this JVM's JDK in {@code cacheDir}, built first if missing (about
   * 20 CPU-s); empty when building it failed, which {@code progress} is told with the log to read: services then
   * start without one.
   */
  public static Optional<Path> prepare(Path druidHome, Path cacheDir, Consumer<String> progress)
      throws IOException, InterruptedException
  {
    final List<Path> jars = classPath(druidHome);
    final byte[] classList = classList();
    final String key = key(jars, classList);
    final Path archive = cacheDir.resolve("druid-" + key + ".jsa");
    Files.createDirectories(cacheDir);
    // A file lock is held per JVM, not per thread: threads of one JVM queue here first.
    synchronized (ClassDataArchive.class) {
      try (FileChannel channel = FileChannel.open(cacheDir.resolve("druid.lock"), StandardOpenOption.CREATE,
                                                  StandardOpenOption.WRITE);
           FileLock ignored = channel.lock()) {
        if (Files.exists(archive)) {
          return Optional.of(archive);
        }
        return build(jars, classList, archive, progress);
      }
    }
  }

  private static Optional<Path> build(List<Path> jars, byte[] classList, Path archive, Consumer<String> progress)
      throws IOException, InterruptedException
  {
    final Path list = archive.resolveSibling("druid-services.classlist");
    Files.write(list, classList);
    final Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    final Path log = archive.resolveSibling(archive.getFileName() + ".log");
    final long started = System.nanoTime();
    progress.accept("building the class-data sharing archive of Druid's classes (once per build): " + archive);
    final Process dump = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:dump",
        "-XX:SharedClassListFile=" + list,
        "-XX:SharedArchiveFile=" + partial,
        "-cp", jars.stream().map(Path::toString).collect(Collectors.joining(":"))
    ).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!dump.waitFor(DUMP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      dump.destroyForcibly().waitFor();
    }
    if (dump.exitValue() != 0 || !Files.exists(partial)) {
      Files.deleteIfExists(partial);
      progress.accept("no class-data sharing archive (the JDK's dump exited " + dump.exitValue() + ", see " + log
                      + "): Druid's services start without one");
      return Optional.empty();
    }
    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
    progress.accept("class-data sharing archive built in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    return Optional.of(archive);
  }

  private static byte[] classList() throws IOException
  {
    final InputStream resource = ClassDataArchive.class.getResourceAsStream(CLASS_LIST);
    if (resource == null) {
      throw new IllegalStateException(CLASS_LIST + " is missing from the integration-tests jar");
    }
    try (InputStream in = new GZIPInputStream(resource)) {
      return in.readAllBytes();
    }
  }

  /** Changes with the JDK build, any jar (path, size, time) and the class list. */
  private static String key(List<Path> jars, byte[] classList) throws IOException
  {
    final List<String> parts = new ArrayList<>(List.of(
        System.getProperty("java.home"), System.getProperty("java.vm.version")
    ));
    for (Path jar : jars) {
      parts.add(jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis());
    }
    try {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
      digest.update(classList);
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }
    catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
