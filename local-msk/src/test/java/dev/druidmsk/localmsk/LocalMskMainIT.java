package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.testing.ScopedSystemProperties;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: it prints settings a real client connects with, and stopping it stops the broker. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalMskMainIT
{
  private static final Pattern BROKER_PID = Pattern.compile("the broker \\(pid (\\d+)\\) started in (\\d+) ms");
  private static Path workDir;
  private static Process main;
  private static final List<String> output = new ArrayList<>();

  @BeforeAll
  static void startMain() throws Exception
  {
    workDir = TestStacks.workDir(LocalMskMainIT.class);
    Files.createDirectories(workDir);
    final String classpath = System.getProperty("druidmsk.localmsk.classes") + File.pathSeparator
                             + Files.readString(Path.of(System.getProperty("druidmsk.localmsk.classpath.file"))).trim();
    main = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath,
        LocalMskMain.class.getName(),
        "--work-dir", workDir.toString()
    ).redirectError(workDir.resolve("main.err").toFile()).start();
    final BufferedReader reader = new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8));
    final Thread collector = new Thread(() -> reader.lines().forEach(LocalMskMainIT::collect), "local-msk-main-output");
    collector.setDaemon(true);
    collector.start();
    final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!printed(LocalMskMain.READY_LINE) && main.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(printed(LocalMskMain.READY_LINE)).as("LocalMskMain output: %s", lines()).isTrue();
  }

  @AfterAll
  static void stopMain() throws Exception
  {
    if (main != null && main.isAlive()) {
      main.destroy();
      main.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void printedSettingsConnectTheRealClient() throws Exception
  {
    final Properties client = load(workDir.resolve("client.properties"));
    final Map<String, Object> properties = new HashMap<>();
    client.forEach((key, value) -> properties.put((String) key, value));

    try (ScopedSystemProperties aws = ScopedSystemProperties.set(awsEnvironmentAsSystemProperties());
         Admin admin = Admin.create(properties)) {
      assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(1);
    }
    assertThat(lines()).anyMatch(line -> line.contains("bootstrap.servers=" + client.getProperty("bootstrap.servers")));
    assertThat(lines()).anyMatch(line -> line.contains("aws.endpointUrlSts=http://127.0.0.1:"));
  }

  @Test
  @Order(2)
  void terminationStopsTheBrokerAndExits() throws Exception
  {
    final Matcher started = lines().stream()
                                   .map(BROKER_PID::matcher)
                                   .filter(Matcher::find)
                                   .findFirst()
                                   .orElseThrow();
    final long brokerPid = Long.parseLong(started.group(1));
    System.out.println("LocalMskMainIT: broker started in " + started.group(2) + " ms");

    // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT, which Java cannot send. Through the handle, so
    // that (unlike Process.destroy) our end of its output pipe stays open to read the last lines.
    main.toHandle().destroy();

    assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(500);
    assertThat(lines()).contains("Local MSK stopped.");
    assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  private static Map<String, String> awsEnvironmentAsSystemProperties() throws Exception
  {
    final Map<String, String> names = Map.of(
        "AWS_ENDPOINT_URL_STS", "aws.endpointUrlSts",
        "AWS_REGION", "aws.region",
        "AWS_ACCESS_KEY_ID", "aws.accessKeyId",
        "AWS_SECRET_ACCESS_KEY", "aws.secretAccessKey"
    );
    final Map<String, String> properties = new HashMap<>();
    for (String line : Files.readAllLines(workDir.resolve("aws.env"))) {
      final String[] assignment = line.replaceFirst("^export ", "").split("=", 2);
      properties.put(names.get(assignment[0]), assignment[1]);
    }
    return properties;
  }

  private static Properties load(final Path file) throws Exception
  {
    final Properties properties = new Properties();
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      properties.load(in);
    }
    return properties;
  }

  private static synchronized void collect(final String line)
  {
    output.add(line);
  }

  private static synchronized List<String> lines()
  {
    return new ArrayList<>(output);
  }

  private static boolean printed(final String line)
  {
    return lines().contains(line);
  }
}
