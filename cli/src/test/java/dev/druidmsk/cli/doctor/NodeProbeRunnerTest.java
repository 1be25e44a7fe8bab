package dev.druidmsk.cli.doctor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe JVM gets the node's system properties, secrets among them, from an argument file readable by its user
 * only: its command line, which every user of the host can read, holds none of them.
 */
class NodeProbeRunnerTest
{
  private static final String SECRET = "s3cr3t \"quoted\" \\ value";

  @TempDir
  Path temp;

  @Test
  void secretSystemPropertiesReachTheProbeButNotItsCommandLine() throws Exception
  {
    final Path probeDir = probeJarReportingItsCommandLine();
    final NodeProbeRunner runner = new NodeProbeRunner(
        Path.of(System.getProperty("java.home"), "bin", "java"), Files.createDirectories(temp.resolve("home")),
        probeDir, List.of("-Ddruid.metadata.storage.connector.password=" + SECRET, "-Dplain=1"),
        Duration.ofSeconds(60)
    );

    final List<CheckResult> results = runner.run(JsonNodeFactory.instance.objectNode()).checks();

    final CheckResult probe = results.get(0);
    assertThat(probe.status()).as("%s", probe).isEqualTo(CheckStatus.PASS);
    assertThat(probe.summary()).as("the probe JVM got the property").isEqualTo(SECRET);
    final String commandLine = probe.evidence().get(0);
    assertThat(commandLine).contains(NodeProbeRunner.MAIN_CLASS).contains("@").doesNotContain("s3cr3t");
    assertThat(probe.evidence().get(1)).as("argument file mode").isEqualTo("rw-------");
  }

  /**
   * A druid-probe.jar whose NodeProbe answers one check: the property as its summary, its own command line as read
   * from /proc and the argument file's permissions as evidence.
   */
  private Path probeJarReportingItsCommandLine() throws IOException
  {
    final Path sources = Files.createDirectories(temp.resolve("src/dev/druidmsk/probe/node"));
    Files.writeString(sources.resolve("NodeProbe.java"), String.join(
        "\n",
        "package dev.druidmsk.probe.node;",
        "import java.nio.file.*;",
        "import java.nio.file.attribute.PosixFilePermissions;",
        "public class NodeProbe {",
        "  public static void main(String[] args) throws Exception {",
        "    String commandLine = new String(Files.readAllBytes(Paths.get(\"/proc/self/cmdline\")))",
        "        .replace('\\0', ' ');",
        "    String argumentFile = commandLine.replaceAll(\"^.* @(\\\\S+) .*$\", \"$1\");",
        "    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(Paths.get(argumentFile)));",
        "    String value = System.getProperty(\"druid.metadata.storage.connector.password\");",
        "    Files.writeString(Paths.get(args[1]), \"{\\\"checks\\\":[{\\\"name\\\":\\\"installation.java\\\",\"",
        "        + \"\\\"status\\\":\\\"PASS\\\",\\\"summary\\\":\" + json(value)",
        "        + \",\\\"evidence\\\":[\" + json(commandLine) + \",\" + json(mode) + \"]}]}\");",
        "  }",
        "  static String json(String text) {",
        "    return \"\\\"\" + text.replace(\"\\\\\", \"\\\\\\\\\").replace(\"\\\"\", \"\\\\\\\"\") + \"\\\"\";",
        "  }",
        "}"
    ));
    final Path classes = Files.createDirectories(temp.resolve("classes"));
    final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, "-d", classes.toString(),
                            sources.resolve("NodeProbe.java").toString())).isZero();
    final Path probeDir = Files.createDirectories(temp.resolve("probe"));
    try (OutputStream out = Files.newOutputStream(probeDir.resolve("druid-probe.jar"));
         JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry("dev/druidmsk/probe/node/NodeProbe.class"));
      jar.write(Files.readAllBytes(classes.resolve("dev/druidmsk/probe/node/NodeProbe.class")));
      jar.closeEntry();
    }
    return probeDir;
  }
}
