package dev.druidmsk.secrets;

import dev.druidmsk.localmsk.iam.FakeSecrets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the emulator's fake secrets ({@link FakeSecrets#MARKER}) in what a build wrote into the target/ folders
 * of the project's modules: logs, test reports and their captured output, rendered specs, CLI outputs. Each leak
 * is reported as file and line with the secret redacted. Files that hold a credential by design are allowed by
 * glob patterns relative to the project root; binary files (jars, classes, segments) are not read.
 *
 * <p>Run after the integration tests: {@code main} fails the build when anything leaked.
 */
public final class SecretLeakScanner
{
  private static final Pattern SECRET = Pattern.compile(Pattern.quote(FakeSecrets.MARKER) + "[A-Za-z0-9+/=_.-]*");
  private static final Set<String> BINARY_SUFFIXES = Set.of(".jar", ".class", ".gz", ".zip", ".p12", ".jks", ".index");
  private static final int SNIFFED_BYTES = 8192;
  private static final int CONTEXT_CHARS = 120;
  private static final String ALLOWLIST = "secret-scan-allowlist.txt";

  private final Path root;
  private final List<PathMatcher> allowed;
  private int filesRead;

  SecretLeakScanner(Path root, List<String> allowedGlobs)
  {
    this.root = root;
    this.allowed = allowedGlobs.stream()
                               .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                               .collect(Collectors.toList());
  }

  /** Usage: SecretLeakScanner PROJECT_ROOT. Throws, failing the build, when a fake secret leaked. */
  public static void main(String[] args) throws IOException
  {
    final SecretLeakScanner scanner = new SecretLeakScanner(Path.of(args[0]).toAbsolutePath(), readAllowlist());
    final List<Leak> leaks = scanner.scan();
    System.out.println("SECRET-SCAN read " + scanner.filesRead + " text files under the modules' target/ folders: "
                       + leaks.size() + " leaked fake secret(s)");
    leaks.forEach(leak -> System.out.println("SECRET-SCAN leak: " + leak));
    if (!leaks.isEmpty()) {
      throw new IllegalStateException(
          leaks.size() + " fake secret(s) leaked into build outputs (listed above, redacted): stop the code that "
          + "wrote them from logging or rendering credentials, or, for a file that must hold one, add it to "
          + ALLOWLIST + " with the reason"
      );
    }
  }

  List<Leak> scan() throws IOException
  {
    final List<Leak> leaks = new ArrayList<>();
    for (Path target : targetFolders()) {
      try (Stream<Path> files = Files.walk(target)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          if (!isAllowed(file) && isText(file)) {
            leaks.addAll(leaksIn(file));
          }
        }
      }
    }
    return leaks;
  }

  /** A line with every fake secret replaced by its length, cut to the context of the first one. */
  static String redact(String line)
  {
    final Matcher first = SECRET.matcher(line);
    final int at = first.find() ? first.start() : 0;
    final String context = line.substring(Math.max(0, at - CONTEXT_CHARS), Math.min(line.length(), at + CONTEXT_CHARS));
    return SECRET.matcher(context).replaceAll(match -> "[REDACTED fake secret, " + match.group().length() + " chars]");
  }

  private List<Path> targetFolders() throws IOException
  {
    // Modules and their own modules (local-msk/broker-plugin), not folders inside a build output or .git.
    try (Stream<Path> modules = Files.walk(root, 2)) {
      return modules.filter(Files::isDirectory)
                   .filter(folder -> !isBuildOrGitFolder(root.relativize(folder)))
                   .map(folder -> folder.resolve("target"))
                   .filter(Files::isDirectory)
                   .sorted()
                   .collect(Collectors.toList());
    }
  }

  private static boolean isBuildOrGitFolder(Path relative)
  {
    for (Path name : relative) {
      if (name.toString().equals("target") || name.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private boolean isAllowed(Path file)
  {
    final Path relative = root.relativize(file);
    return allowed.stream().anyMatch(matcher -> matcher.matches(relative));
  }

  private static boolean isText(Path file) throws IOException
  {
    final String name = file.getFileName().toString();
    if (BINARY_SUFFIXES.stream().anyMatch(name::endsWith)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      for (byte b : in.readNBytes(SNIFFED_BYTES)) {
        if (b == 0) {
          return false;
        }
      }
    }
    return true;
  }

  private List<Leak> leaksIn(Path file) throws IOException
  {
    filesRead++;
    final List<Leak> leaks = new ArrayList<>();
    final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                                              .onMalformedInput(CodingErrorAction.REPLACE)
                                              .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.contains(FakeSecrets.MARKER)) {
          leaks.add(new Leak(root.relativize(file), number, redact(line)));
        }
      }
    }
    return leaks;
  }

  private static List<String> readAllowlist()
  {
    try (InputStream in = SecretLeakScanner.class.getResourceAsStream(ALLOWLIST)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(line -> line.replaceFirst("#.*", "").trim())
          .filter(line -> !line.isEmpty())
          .collect(Collectors.toList());
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line of a file, relative to the project root, that holds a fake secret; the text is redacted. */
  record Leak(Path file, int line, String redactedText)
  {
    @Override
    public String toString()
    {
      return file + ":" + line + ": " + redactedText;
    }
  }
}
