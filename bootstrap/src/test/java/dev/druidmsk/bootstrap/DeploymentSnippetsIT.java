package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.druidmsk.bootstrap.DruidHomes.KAFKA;
import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment snippets in bootstrap/deploy: they parse, they only use flags the installer has, and the shell
 * lines they run (init containers, Dockerfile RUN, cloud-init runcmd and the Druid unit's ExecStartPre, Packer)
 * install the real bundle when executed as written in the sandbox, as the user they name, with their paths
 * pointed at a temporary Druid home.
 */
class DeploymentSnippetsIT extends DruidHomeTest
{
  private static final Path DEPLOY = Installer.BOOTSTRAP_DIR.resolve("deploy");
  private static final String SHA256 = FolderSnapshot.sha256(Bundle.TARBALL);
  private static final int DRUID_UID = 1000;


  @Test
  void kubernetesInitContainerInstallsIntoTheVolumeAsItsUserWithAReadOnlyImage() throws Exception
  {
    final Map<String, Object> pod = path(yaml("kubernetes/middlemanager-statefulset.yaml"), "spec", "template", "spec");
    final Map<String, Object> init = first(pod, "initContainers");
    final Map<String, Object> security = path(init, "securityContext");
    assertThat(security).containsEntry("runAsUser", DRUID_UID).containsEntry("readOnlyRootFilesystem", true);
    // The image's Druid home belongs to druid; nothing can be created in it, as under readOnlyRootFilesystem. The
    // emptyDir is writable by the pod's user.
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Sandbox.run("chown", "-R", DRUID_UID + ":" + DRUID_UID, home.toString());
    Sandbox.run("chmod", "a-w", home.toString(), home.resolve("extensions").toString(), home.resolve("lib").toString());
    final Path volume = Files.createDirectories(temp.resolve("volume"));
    Sandbox.run("chown", DRUID_UID + ":" + DRUID_UID, volume.toString());
    final Map<String, String> before = FolderSnapshot.of(kafkaFolder(home));
    installer.asUser((Integer) security.get("runAsUser"));

    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"));
         LegacyTlsServer server = LegacyTlsServer.serving(repository.root, temp)) {
      final Installer.Result first = runInitContainer(init, volume, server.url());
      final Installer.Result restarted = runInitContainer(init, volume, server.url());

      assertThat(first.exitCode).as("%s", first).isZero();
      assertThat(restarted.stdout).as("%s", restarted).contains("already installed, nothing changed");
    }
    finally {
      Sandbox.run("chmod", "u+w", home.toString(), home.resolve("extensions").toString(),
                  home.resolve("lib").toString());
    }
    final Path installed = volume.resolve("extensions").resolve(KAFKA);
    assertThat(installed.resolve(Bundle.mskJar())).exists();
    assertThat(installed.resolve("kafka-clients-3.9.0.jar")).exists();
    assertThat(FolderSnapshot.of(kafkaFolder(home))).isEqualTo(before);
  }

  @Test
  void kubernetesDruidContainerMountsTheInstalledFolderOverItsKafkaExtension()
  {
    final Map<String, Object> pod = path(yaml("kubernetes/middlemanager-statefulset.yaml"), "spec", "template", "spec");
    final Map<String, String> env = env(first(pod, "initContainers"));
    final Map<String, Object> mount = first(first(pod, "containers"), "volumeMounts");

    assertThat(mount).containsEntry("mountPath", env.get("DRUID_HOME") + "/extensions/" + KAFKA)
                     .containsEntry("subPath", "extensions/" + KAFKA);
    assertThat(first(first(pod, "initContainers"), "volumeMounts"))
        .containsEntry("name", mount.get("name"))
        .containsEntry("mountPath", env.get("DRUID_MSK_VOLUME"));
  }

  @Test
  void druidOperatorAdditionalContainerRunsTheSameInitCommand()
  {
    final Map<String, Object> operatorSpec = path(yaml("druid-operator/druid-cluster-patch.yaml"), "spec");
    final Map<String, Object> additional = first(operatorSpec, "additionalContainer");
    final Map<String, Object> init = first(
        path(yaml("kubernetes/middlemanager-statefulset.yaml"), "spec", "template", "spec"),
        "initContainers"
    );

    assertThat(additional).containsEntry("runAsInit", true)
                          .containsEntry("securityContext", init.get("securityContext"));
    assertThat(additional.get("args")).isEqualTo(init.get("args"));
    assertThat(additional.get("command")).isEqualTo(init.get("command"));
    assertThat(env(additional)).isEqualTo(env(init));
    assertThat(first(operatorSpec, "volumeMounts")).containsEntry("subPath", "extensions/" + KAFKA);
  }

  @Test
  void helmValuesLoadTheKafkaExtension()
  {
    final Map<String, Object> values = yaml("helm/values-druid-msk.yaml");

    assertThat(path(values, "configVars").get("druid_extensions_loadList").toString()).contains("\"" + KAFKA + "\"");
    assertThat(path(values, "image").get("tag").toString()).contains("druid-msk");
  }

  @Test
  void cloudInitUserDataInstallsFromTheConfiguredRepositoryAndDruidStartsOnlyAfterIt() throws Exception
  {
    final Map<String, Object> userData = yaml("cloud-init/user-data.yaml");
    final Map<String, Object> envFile = first(userData, "write_files");
    final Path env = temp.resolve("install.env");
    final List<String> startPre = startPreOfTheDruidUnit(userData);
    assertThat(installer.runCommand(startPre).exitCode).as("Druid refused to start before the install").isEqualTo(6);

    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"));
         LegacyTlsServer server = LegacyTlsServer.serving(repository.root, temp)) {
      Files.writeString(env, envFile.get("content").toString()
                                    .replace("DRUID_HOME=/opt/druid", "DRUID_HOME=" + home)
                                    .replaceAll("DRUID_MSK_VERSION=.*", "DRUID_MSK_VERSION=" + MavenRepository.VERSION)
                                    .replaceAll("DRUID_MSK_BUNDLE_SHA256=.*", "DRUID_MSK_BUNDLE_SHA256=" + SHA256)
                                    .replaceAll("DRUID_MSK_MAVEN_REPO=.*", "DRUID_MSK_MAVEN_REPO=" + server.url()));
      @SuppressWarnings("unchecked")
      final List<String> runcmd = (List<String>) ((List<Object>) userData.get("runcmd")).get(0);
      final List<String> command = new ArrayList<>(runcmd);
      command.set(2, onThisMachine(runcmd.get(2).replace(envFile.get("path").toString(), env.toString())));
      final Installer.Result result = installer.runCommand(command);

      assertThat(result.exitCode).as("%s", result).isZero();
    }
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
    final Installer.Result started = installer.runCommand(startPre);
    assertThat(started.exitCode).as("%s", started).isZero();
  }

  /** The drop-in's ExecStartPre command line, with the image's paths pointed at this test's. */
  private List<String> startPreOfTheDruidUnit(Map<String, Object> userData)
  {
    @SuppressWarnings("unchecked")
    final List<Map<String, Object>> files = (List<Map<String, Object>>) userData.get("write_files");
    final Map<String, Object> dropIn = files.stream()
                                            .filter(file -> file.get("path").toString().endsWith("/druid-msk.conf"))
                                            .findFirst()
                                            .orElseThrow();
    final Matcher startPre = Pattern.compile("(?m)^ExecStartPre=(.*)$").matcher(dropIn.get("content").toString());
    assertThat(startPre.find()).as("ExecStartPre in %s", dropIn).isTrue();
    return List.of(onThisMachine(startPre.group(1)).split(" "));
  }

  private String onThisMachine(String line)
  {
    return line.replace("/bin/bash ", "bash ")
               .replace("/opt/druid-msk/bin/druid-msk-install", Installer.SCRIPT.toString())
               .replace("--druid-home /opt/druid", "--druid-home " + home);
  }

  @Test
  void packerProvisionerInstallsTheUploadedBundle() throws Exception
  {
    final Path uploads = Files.createDirectories(temp.resolve("uploads"));
    Files.copy(Installer.SCRIPT, uploads.resolve("druid-msk-install"));
    Files.copy(Bundle.TARBALL, uploads.resolve(Bundle.TARBALL.getFileName()));

    final Installer.Result result = installer.with("DRUID_MSK_UPLOADS", uploads.toString())
                                             .with("DRUID_MSK_INSTALLER", temp.resolve("bin/druid-msk-install").toString())
                                             .with("DRUID_HOME", home.toString())
                                             .with("DRUID_MSK_VERSION", MavenRepository.VERSION)
                                             .with("DRUID_MSK_BUNDLE_SHA256", SHA256)
                                             .runCommand(List.of("bash", DEPLOY.resolve("packer/provision.sh").toString()));

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(temp.resolve("bin/druid-msk-install")).isExecutable();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
  }

  @Test
  void dockerfileRunLinesInstallAsDruidFromABindMountedBundle() throws Exception
  {
    final String dockerfile = Files.readString(DEPLOY.resolve("docker/Dockerfile")).replace("\\\n", " ");
    final List<String> runs = dockerfile.lines().filter(line -> line.startsWith("RUN ")).collect(Collectors.toList());
    final Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).isEqualTo("druid");
    assertThat(dockerfile.indexOf("\nUSER druid\n")).isLessThan(dockerfile.indexOf("\nRUN "));
    assertThat(runs).isNotEmpty();
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Sandbox.run("chown", "-R", DRUID_UID + ":" + DRUID_UID, home.toString());
    installer.asUser(DRUID_UID).with("DRUID_MSK_BUNDLE_SHA256", SHA256);

    for (String run : runs) {
      final Matcher mount = Pattern.compile("--mount=type=bind,source=(\\S+),target=(\\S+) ").matcher(run);
      assertThat(mount.find()).as("the bundle comes in by a bind mount, so no layer keeps it: %s", run).isTrue();
      assertThat(mount.group(1).replace("0.1.0", MavenRepository.VERSION))
          .isEqualTo(Bundle.TARBALL.getFileName().toString());
      final Path context = Files.copy(Bundle.TARBALL, temp.resolve(Bundle.TARBALL.getFileName()));
      final String shell = onThisMachine(run.substring(mount.end()).replace(mount.group(2), context.toString()));

      final Installer.Result result = installer.runCommand(List.of("bash", "-c", shell));

      assertThat(result.exitCode).as("%s: %s", shell, result).isZero();
    }
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
    assertThat(Sandbox.run("stat", "-c", "%u", kafkaFolder(home).resolve(Bundle.mskJar()).toString()).trim())
        .isEqualTo(String.valueOf(DRUID_UID));
  }

  @Test
  void everySnippetUsesOnlyFlagsTheInstallerHas() throws Exception
  {
    final String help = installer.run("--help").stdout;
    final Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Installer.BOOTSTRAP_DIR.resolve("deploy"))) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        used.addAll(installerFlags(Files.readString(file)));
      }
    }
    used.addAll(installerFlags(Files.readString(Installer.BOOTSTRAP_DIR.resolve("README.md"))));

    assertThat(used).contains("--from-maven", "--sha256", "--bundle", "--extensions-dir");
    assertThat(used).allSatisfy(flag -> assertThat(help).containsPattern("(?m)^  (-h, )?" + flag + "\\b"));
  }

  /** Flags of every installer invocation: the script's name or $DRUID_MSK_INSTALLER, then a command. */
  private static Set<String> installerFlags(String text)
  {
    final Pattern invocation = Pattern.compile(
        "(druid-msk-install|\\$\\{(DRUID_MSK_INSTALLER|installer)}\"?) (install|status|verify|uninstall)\\b.*"
    );
    final Pattern flag = Pattern.compile("(?<=\\s)--[a-z][a-z0-9-]*");
    final Set<String> flags = new TreeSet<>();
    for (String line : text.replace("\\\n", " ").split("\n")) {
      final Matcher call = invocation.matcher(line);
      while (call.find()) {
        final Matcher flagMatcher = flag.matcher(call.group());
        while (flagMatcher.find()) {
          flags.add(flagMatcher.group());
        }
      }
    }
    return flags;
  }

  private Installer.Result runInitContainer(Map<String, Object> init, Path volume, String repositoryUrl)
      throws Exception
  {
    final Map<String, String> env = new HashMap<>(env(init));
    env.put("DRUID_HOME", home.toString());
    env.put("DRUID_MSK_VOLUME", volume.toString());
    env.put("DRUID_MSK_INSTALLER", Installer.SCRIPT.toString());
    env.put("DRUID_MSK_VERSION", MavenRepository.VERSION);
    env.put("DRUID_MSK_MAVEN_REPO", repositoryUrl);
    env.put("DRUID_MSK_BUNDLE_SHA256", SHA256);
    env.forEach(installer::with);
    final List<String> command = new ArrayList<>(strings(init.get("command")));
    command.addAll(strings(init.get("args")));
    return installer.runCommand(command);
  }

  private static Map<String, Object> yaml(String file)
  {
    try {
      return new Yaml().load(Files.readString(DEPLOY.resolve(file)));
    }
    catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> path(Map<String, Object> node, String... keys)
  {
    Map<String, Object> current = node;
    for (String key : keys) {
      current = (Map<String, Object>) current.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> first(Map<String, Object> node, String key)
  {
    return ((List<Map<String, Object>>) node.get(key)).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env(Map<String, Object> container)
  {
    return ((List<Map<String, Object>>) container.get("env")).stream().collect(Collectors.toMap(
        entry -> entry.get("name").toString(),
        entry -> entry.get("value").toString()
    ));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list)
  {
    return (List<String>) list;
  }
}
