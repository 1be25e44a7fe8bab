package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bash script of bootstrap/, and the shell lines the deployment snippets run, are shellcheck-clean. Without
 * shellcheck the test fails rather than skips: an unchecked script must not pass as a clean one (.ci/run installs
 * it).
 */
class ShellcheckTest
{
  @Test
  void everyScriptIsShellcheckClean() throws Exception
  {
    assertThat(shellcheckIsInstalled())
        .as("shellcheck is not installed here, so the scripts cannot be checked: apt-get install shellcheck")
        .isTrue();
    final List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=bash", "--severity=style"));
    final List<String> scripts = scripts();
    command.addAll(scripts);

    final Process shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shellcheck.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(scripts).anyMatch(script -> script.endsWith("/druid-msk-install"));
    assertThat(shellcheck.exitValue()).as("shellcheck findings:%n%s", findings).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void shellLinesOfTheSnippetsAreShellcheckClean(@TempDir Path temp) throws Exception
  {
    assertThat(shellcheckIsInstalled()).as("shellcheck is not installed here: apt-get install shellcheck").isTrue();
    final Path deploy = Installer.BOOTSTRAP_DIR.resolve("deploy");
    final Map<String, String> lines = new TreeMap<>();
    final Map<String, Object> statefulSet = new Yaml().load(Files.readString(
        deploy.resolve("kubernetes/middlemanager-statefulset.yaml")));
    lines.put("init-container.sh", initContainerScript(statefulSet));
    final Map<String, Object> operator = new Yaml().load(Files.readString(
        deploy.resolve("druid-operator/druid-cluster-patch.yaml")));
    final Map<String, Object> operatorSpec = (Map<String, Object>) operator.get("spec");
    lines.put("operator-init.sh",
              firstArgument(((List<Map<String, Object>>) operatorSpec.get("additionalContainer")).get(0)));
    final Map<String, Object> userData = new Yaml().load(Files.readString(deploy.resolve("cloud-init/user-data.yaml")));
    lines.put("cloud-init-runcmd.sh", ((List<List<String>>) userData.get("runcmd")).get(0).get(2));
    lines.put("dockerfile-run.sh", Files.readString(deploy.resolve("docker/Dockerfile")).replace("\\\n", " ").lines()
                                        .filter(line -> line.startsWith("RUN "))
                                        .map(line -> line.replaceFirst("^RUN (--mount=\\S+ )*", ""))
                                        .collect(Collectors.joining("\n")));
    final List<String> command = new ArrayList<>(List.of(
        "shellcheck", "--shell=bash", "--severity=style",
        // The Dockerfile's build arguments and cloud-init's env file exist only where the lines run.
        "--exclude=SC1091,SC2154"
    ));
    for (Map.Entry<String, String> script : lines.entrySet()) {
      command.add(Files.writeString(temp.resolve(script.getKey()), script.getValue() + "\n").toString());
    }

    final Process shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shellcheck.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(lines.values()).allSatisfy(script -> assertThat(script).contains(" install --"));
    assertThat(shellcheck.exitValue()).as("shellcheck findings:%n%s", findings).isZero();
  }

  @SuppressWarnings("unchecked")
  private static String initContainerScript(Map<String, Object> statefulSet)
  {
    final Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) statefulSet
        .get("spec")).get("template")).get("spec");
    return firstArgument(((List<Map<String, Object>>) pod.get("initContainers")).get(0));
  }

  @SuppressWarnings("unchecked")
  private static String firstArgument(Map<String, Object> container)
  {
    return ((List<String>) container.get("args")).get(0);
  }

  /** The installer and every *.sh file, by path. */
  private static List<String> scripts() throws Exception
  {
    try (Stream<Path> files = Files.walk(Installer.BOOTSTRAP_DIR)) {
      return files.filter(file -> !file.startsWith(Installer.BOOTSTRAP_DIR.resolve("target")))
                  .filter(file -> file.getFileName().toString().endsWith(".sh")
                                  || file.equals(Installer.SCRIPT))
                  .map(Path::toString)
                  .sorted()
                  .collect(Collectors.toList());
    }
  }

  private static boolean shellcheckIsInstalled()
  {
    try {
      return new ProcessBuilder("shellcheck", "--version").start().waitFor() == 0;
    }
    catch (Exception e) {
      return false;
    }
  }
}
