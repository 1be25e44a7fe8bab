package dev.druidmsk.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The tools of the official apache/druid image, where the deployment snippets run the installer: a bin folder
 * holding busybox applets (symlinks, as {@code busybox --install} makes them), a bash and the JDK's commands, used
 * as the installer's whole PATH. Built once per test JVM.
 *
 * <p>The applets are those of {@code sandbox-applets.txt}, whatever else the binary holds, so that a script calling
 * an unlisted one fails alike on every machine. The image's busybox is a default-config glibc build; Debian's
 * packages leave applets of that set out (flock, install), so the binary must be a default-config build too, or
 * one limited to the listed applets (.ci/run builds that): {@code DRUID_MSK_BUSYBOX}, else {@code busybox} on the
 * PATH. Without one the tests fail, naming the fix: a skip would pass an installer never run with the tools it is
 * written for.
 */
final class Sandbox
{
  /** Every external command the installer, the snippets and their tests run in the sandbox, besides bash and java. */
  static final List<String> APPLETS = listedApplets();

  private static Sandbox shared;

  final Path busybox;
  final Path bin;

  private Sandbox(Path busybox, Path bin)
  {
    this.busybox = busybox;
    this.bin = bin;
  }

  static synchronized Sandbox shared()
  {
    if (shared == null) {
      try {
        // World-readable: runs as another uid use it too.
        final Path root = Files.createTempDirectory(
            "druid-msk-sandbox",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))
        );
        root.toFile().deleteOnExit();
        shared = build(findBusybox(), root.resolve("bin"));
      }
      catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** The PATH of the sandbox: nothing else is reachable. */
  String path()
  {
    return bin.toString();
  }

  static Sandbox build(Path busybox, Path bin) throws IOException
  {
    Files.createDirectories(bin).toFile().deleteOnExit();
    final List<String> applets = List.of(run(busybox.toString(), "--list").split("\n"));
    for (String applet : APPLETS) {
      if (!applets.contains(applet)) {
        throw new IllegalStateException(
            busybox + " has no '" + applet + "' applet (sandbox-applets.txt lists it), so it is not a default-config "
            + "build as in the official image: build one with .ci/run's install_busybox (`make defconfig`, limited to "
            + "the listed applets) and put it on the PATH or in DRUID_MSK_BUSYBOX"
        );
      }
      link(bin.resolve(applet), busybox);
    }
    link(bin.resolve("bash"), Path.of(run("bash", "-c", "command -v bash").trim()).toRealPath());
    for (Path command : DruidHomes.list(Path.of(System.getProperty("java.home"), "bin"))) {
      final Path link = bin.resolve(command.getFileName());
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        link(link, command);
      }
    }
    return new Sandbox(busybox, bin);
  }

  private static List<String> listedApplets()
  {
    try (InputStream list = Sandbox.class.getResourceAsStream("/sandbox-applets.txt")) {
      return new String(list.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toUnmodifiableList());
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Links are deleted at exit before their folder, which deleteOnExit empties in reverse order. */
  private static void link(Path link, Path target) throws IOException
  {
    Files.createSymbolicLink(link, target).toFile().deleteOnExit();
  }

  private static Path findBusybox()
  {
    final String configured = System.getenv("DRUID_MSK_BUSYBOX");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (String folder : System.getenv("PATH").split(":")) {
      final Path candidate = Path.of(folder, "busybox");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no busybox found (DRUID_MSK_BUSYBOX unset, none on the PATH): the installer tests run with the official "
        + "Druid image's busybox tools; run .ci/run (its install_busybox builds one) or set DRUID_MSK_BUSYBOX"
    );
  }

  static String run(String... command)
  {
    try {
      final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
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
