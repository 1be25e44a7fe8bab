package dev.druidmsk.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Is the bundle installed and intact (bootstrap's own {@code druid-msk-install status}), and is it the only copy of
 * aws-msk-iam-auth in the home? Two builds in one Kafka folder, or one in {@code lib/}, make the class Kafka loads a
 * matter of jar order.
 */
public final class InstallationChecks
{
  static final String LOGIN_MODULE_CLASS = "software/amazon/msk/auth/iam/IAMLoginModule.class";
  /** aws-msk-iam-auth's own version record (its user agent reads it), kept by relocation too. */
  private static final String MSK_VERSION = "version.properties";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private InstallationChecks()
  {
  }

  /** Runs {@code <installer> status --druid-home HOME --json} and reads its verdict. */
  public static CheckResult bundle(Path installer, Path home, Duration timeout)
  {
    final String name = "installation.bundle";
    final String install = "run `druid-msk-install install --druid-home " + home
                           + " --bundle druid-msk-iam-<version>-bundle.tar.gz --sha256 <hex>` on this node";
    if (!Files.isRegularFile(installer)) {
      return CheckResult.fail(name, "bootstrap's installer is missing: " + installer, List.of(),
                              "reinstall druid-msk, or pass --installer PATH of druid-msk-install");
    }
    final Process process;
    final String stdout;
    final String stderr;
    try {
      process = new ProcessBuilder("bash", installer.toString(), "status", "--druid-home", home.toString(), "--json")
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return CheckResult.fail(name, "druid-msk-install status did not answer within " + timeout.toSeconds() + " s",
                                List.of(), "another install may hold the lock: retry when it is done");
      }
      stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    catch (IOException e) {
      return CheckResult.fail(name, "cannot run " + installer + ": " + e.getMessage(), List.of(),
                              "install bash, or pass --installer PATH of druid-msk-install");
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.fail(name, "interrupted", List.of(), "run the doctor again");
    }
    final JsonNode status;
    try {
      status = MAPPER.readTree(stdout.isEmpty() ? "{}" : stdout);
    }
    catch (IOException e) {
      return CheckResult.fail(name, "druid-msk-install status failed (exit " + process.exitValue() + ")",
                              stderr.lines().toList(), "fix what the installer says above");
    }
    final List<String> evidence = new ArrayList<>();
    for (JsonNode target : status.path("targets")) {
      evidence.add(target.path("name").asText() + ": " + target.path("state").asText()
                   + (target.path("bundleVersion").asText().isEmpty() ? "" : " druid-msk-iam " + target.path("bundleVersion").asText())
                   + (target.path("problems").asText().isEmpty() ? "" : " (" + target.path("problems").asText() + ")"));
    }
    switch (status.path("status").asText()) {
      case "installed":
        return CheckResult.pass(name, "druid-msk bundle installed, files match the install record", evidence);
      case "drift":
        return CheckResult.fail(name, "installed files differ from the install record", evidence,
                                "run `druid-msk-install install` again with the same bundle to restore them");
      case "not-installed":
        return CheckResult.fail(name, "the druid-msk bundle is not installed in extensions/druid-kafka-indexing-service",
                                evidence, install);
      default:
        evidence.addAll(stderr.lines().toList());
        return CheckResult.fail(name, "druid-msk-install status failed (exit " + process.exitValue() + ")", evidence,
                                "fix what the installer says above");
    }
  }

  /** Every jar of lib/ and of each extension folder that carries aws-msk-iam-auth's login module. */
  public static CheckResult singleMskJar(Path home)
  {
    final String name = "installation.single-aws-msk-iam-auth";
    final List<String> evidence = new ArrayList<>();
    final TreeSet<String> versions = new TreeSet<>();
    final List<String> problems = new ArrayList<>();
    final List<Path> folders = new ArrayList<>();
    folders.add(home.resolve("lib"));
    try (Stream<Path> extensions = Files.list(home.resolve("extensions"))) {
      extensions.filter(Files::isDirectory).sorted().forEach(folders::add);
    }
    catch (IOException e) {
      return CheckResult.fail(name, "cannot list " + home.resolve("extensions") + ": " + e.getMessage(), List.of(),
                              "pass --druid-home of a readable Druid home");
    }
    for (Path folder : folders) {
      final List<String> inFolder = new ArrayList<>();
      for (Path jar : jars(folder)) {
        final String version = mskVersion(jar);
        if (version != null) {
          inFolder.add(jar.getFileName() + " (aws-msk-iam-auth " + version + ")");
          versions.add(version);
        }
      }
      final String where = home.relativize(folder) + "/";
      inFolder.forEach(jar -> evidence.add(where + jar));
      if (folder.getFileName().toString().equals("lib") && !inFolder.isEmpty()) {
        problems.add("lib/ holds aws-msk-iam-auth, where Kafka's classes are not visible to it");
      }
      if (inFolder.size() > 1) {
        problems.add(where + " holds " + inFolder.size() + " copies; which one Kafka loads depends on jar order");
      }
    }
    if (versions.size() > 1) {
      problems.add("different versions in one home: " + String.join(", ", versions));
    }
    if (!problems.isEmpty()) {
      return CheckResult.fail(name, String.join("; ", problems), evidence,
                              "keep only the bundle's aws-msk-iam-auth jar, in the Kafka extension folders: delete the "
                              + "others (`druid-msk-install install` replaces foreign builds and keeps them for uninstall)");
    }
    if (versions.isEmpty()) {
      return CheckResult.fail(name, "no aws-msk-iam-auth jar anywhere in the home", evidence,
                              "install the druid-msk bundle with druid-msk-install");
    }
    return CheckResult.pass(name, "one aws-msk-iam-auth version (" + versions.first() + ")", evidence);
  }

  private static List<Path> jars(Path folder)
  {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
    catch (IOException e) {
      return List.of();
    }
  }

  /** The aws-msk-iam-auth version a jar carries (its version record, else its name), or null if it has none. */
  static String mskVersion(Path jar)
  {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      if (zip.getEntry(LOGIN_MODULE_CLASS) == null) {
        return null;
      }
      final ZipEntry record = zip.getEntry(MSK_VERSION);
      if (record != null) {
        try (InputStream in = zip.getInputStream(record)) {
          final Properties properties = new Properties();
          properties.load(in);
          return properties.getProperty("version", "unknown");
        }
      }
      return "unknown, " + jar.getFileName();
    }
    catch (IOException e) {
      return null;
    }
  }
}
