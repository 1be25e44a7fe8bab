package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.templates.Template;
import dev.druidmsk.templates.TemplateRenderer;
import dev.druidmsk.templates.Values;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: prints render+validate timings. Runs only with {@code -Pbench}:
 * {@code mvn -B -pl supervisor-templates -am verify -Pbench}.
 */
@Tag("benchmark")
class ValidationBenchmarkIT
{
  private static final int FRESH_JVM_RUNS = 5;
  private static final int SPECS = 1_000;

  @Test
  void renderAndValidate(@TempDir Path home) throws Exception
  {
    TestDruidHome.withDruidMskBundle(home);
    freshJvm(home, List.of());
    // The start-up options a command-line launcher can use: C1 only and the serial collector.
    freshJvm(home, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    oneProcess(home);
  }

  private static void freshJvm(Path home, List<String> jvmOptions) throws Exception
  {
    final long[] wallMs = new long[FRESH_JVM_RUNS];
    final List<String> inProcess = new ArrayList<>();
    for (int i = 0; i < FRESH_JVM_RUNS; i++) {
      final long start = System.nanoTime();
      final List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", classPath(), RenderValidateOnce.class.getName(), home.toString()));
      final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      wallMs[i] = (System.nanoTime() - start) / 1_000_000;
      assertThat(process.exitValue()).as(output).isZero();
      inProcess.add(output.lines().filter(line -> line.startsWith("in-process-ms=")).findFirst().orElse("?"));
    }
    Arrays.sort(wallMs);
    System.out.printf(
        "BENCH fresh JVM %s, one spec (JVM start + render + load Druid + validate): median %d ms, min %d ms, "
        + "max %d ms over %d runs; in-process part: %s%n",
        jvmOptions, wallMs[FRESH_JVM_RUNS / 2], wallMs[0], wallMs[FRESH_JVM_RUNS - 1], FRESH_JVM_RUNS, inProcess
    );
  }

  private static void oneProcess(Path home) throws Exception
  {
    final Template template = Template.builtIn("msk-iam-api-telemetry");
    final long loadStart = System.nanoTime();
    try (SpecValidator validator = SpecValidator.forDruidHome(home)) {
      final long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
      final long[] nanos = new long[SPECS];
      for (int i = 0; i < SPECS; i++) {
        final List<String> values = new ArrayList<>(SampleSpecs.MSK_VALUES);
        values.set(0, "topic=api-requests-" + i);
        values.add("taskCount=" + (1 + i % 8));
        final long start = System.nanoTime();
        final ValidationResult result = validator.validate(
            TemplateRenderer.render(template, Values.load(List.of(), values))
        );
        nanos[i] = System.nanoTime() - start;
        assertThat(result.problems()).isEmpty();
      }
      final long totalMs = Arrays.stream(nanos).sum() / 1_000_000;
      Arrays.sort(nanos);
      final Runtime runtime = Runtime.getRuntime();
      System.out.printf(
          "BENCH one process, %d specs: Druid load %d ms once, then render+validate %d ms in total, mean %.2f ms, "
          + "p50 %.2f ms, p99 %.2f ms, max %.2f ms; heap in use %d MiB%n",
          SPECS, loadMs, totalMs, (double) totalMs / SPECS, nanos[SPECS / 2] / 1e6, nanos[SPECS * 99 / 100] / 1e6,
          nanos[SPECS - 1] / 1e6,
          (runtime.totalMemory() - runtime.freeMemory()) >> 20
      );
    }
  }

  /** Only what the library needs at run time, plus the test classes: no Druid, as in the cli's distribution. */
  private static String classPath()
  {
    return Stream.of(SpecValidator.class, RenderValidateOnce.class, ObjectMapper.class, JsonFactory.class,
                     JsonAutoDetect.class, Yaml.class)
                 .map(type -> {
                   try {
                     return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                   }
                   catch (Exception e) {
                     throw new IllegalStateException(e);
                   }
                 })
                 .distinct()
                 .collect(Collectors.joining(File.pathSeparator));
  }
}
