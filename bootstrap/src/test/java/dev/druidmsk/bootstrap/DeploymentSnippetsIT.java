package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The deployment snippets in bootstrap/deploy: they parse, they only use flags the installer has, and the
 * commands they run (init container, cloud-init, Packer) install the real bundle when executed here with their
 * paths pointed at a temporary Druid home.
 */
class DeploymentSnippetsIT extends DruidHomeTest
{
  private static final Path DEPLOY = Installer.BOOTSTRAP_DIR.resolve("deploy");
  private static final String SHA256 = FolderSnapshot.sha256(Bundle.TARBALL);


  @Test
  void kubernetesInitContainerInstallsIntoTheVolumeAndLeavesTheImageFolderAlone() throws Exception
  {
    final Map<String, Object> pod = path(yaml("kubernetes/middlemanager-statefulset.yaml"), "spec", "template", "spec");
    final Map<String, Object> init = first(pod, "initContainers");
    final Map<String, String> before = FolderSnapshot.of(kafkaFolder(home));
    final Path volume = temp.resolve("volume");

    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      final Installer.Result first = runInitContainer(init, volume, repository);
      final Installer.Result restarted = runInitContainer(init, volume, repository);

      assertThat(first.exitCode).as("%s", first).isZero();
      assertThat(restarted.stdout).contains("already installed, nothing changed");
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

    assertThat(additional).containsEntry("runAsInit", true);
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
  void cloudInitUserDataInstallsFromTheConfiguredRepository() throws Exception
  {
    final Map<String, Object> userData = yaml("cloud-init/user-data.yaml");
    final Map<String, Object> envFile = first(userData, "write_files");
    final Path env = temp.resolve("install.env");
    Files.writeString(env, envFile.get("content").toString()
                                  .replace("DRUID_HOME=/opt/druid", "DRUID_HOME=" + home)
                                  .replaceAll("DRUID_MSK_VERSION=.*", "DRUID_MSK_VERSION=" + MavenRepository.VERSION)
                                  .replaceAll("DRUID_MSK_BUNDLE_SHA256=.*", "DRUID_MSK_BUNDLE_SHA256=" + SHA256));
    @SuppressWarnings("unchecked")
    final List<String> runcmd = (List<String>) ((List<Object>) userData.get("runcmd")).get(0);

    try (MavenRepository repository = MavenRepository.serving(temp.resolve("repo"))) {
      Files.writeString(env, Files.readString(env).replaceAll("DRUID_MSK_MAVEN_REPO=.*",
                                                              "DRUID_MSK_MAVEN_REPO=" + repository.url()));
      final List<String> command = new ArrayList<>(runcmd);
      command.set(2, runcmd.get(2).replace(envFile.get("path").toString(), env.toString())
                           .replace("/opt/druid-msk/bin/druid-msk-install", Installer.SCRIPT.toString()));
      final Installer.Result result = installer.runCommand(command);

      assertThat(result.exitCode).as("%s", result).isZero();
    }
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
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
  void dockerfileCopiesTheBundleUnderItsBuiltName() throws IOException
  {
    final String dockerfile = Files.readString(DEPLOY.resolve("docker/Dockerfile"));
    final Matcher copied = Pattern.compile("COPY (druid-msk-iam-\\S+-bundle\\.tar\\.gz) ").matcher(dockerfile);

    assertThat(copied.find()).isTrue();
    assertThat(copied.group(1).replace("0.1.0", MavenRepository.VERSION)).isEqualTo(Bundle.TARBALL.getFileName().toString());
    assertThat(dockerfile).containsPattern("(?m)^RUN bash /opt/druid-msk/bin/druid-msk-install install ");
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

  private Installer.Result runInitContainer(Map<String, Object> init, Path volume, MavenRepository repository)
      throws Exception
  {
    final Map<String, String> env = new HashMap<>(env(init));
    env.put("DRUID_HOME", home.toString());
    env.put("DRUID_MSK_VOLUME", volume.toString());
    env.put("DRUID_MSK_INSTALLER", Installer.SCRIPT.toString());
    env.put("DRUID_MSK_VERSION", MavenRepository.VERSION);
    env.put("DRUID_MSK_MAVEN_REPO", repository.url());
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
