package dev.druidmsk.scale;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where one JVM's CPU went during one benchmark run: a JFR recording (Java's own sampling profiler, the "profile"
 * settings) started and stopped with jcmd, so the JVM needs no start option. Each execution sample counts once, for the
 * first component in {@link #COMPONENTS} that any frame of its stack belongs to: TLS work that Kafka's consumer calls
 * counts as TLS, and IAM work anywhere (signing, credentials) as IAM.
 */
final class CpuProfile
{
  static final String OTHER = "other (JDK, Jackson, other libraries)";
  /** Component and the package prefixes of its frames, in the order a sample is attributed. */
  static final Map<String, List<String>> COMPONENTS = components();

  private final Map<String, Long> samples;
  /** Time the JVM's collections took (JFR's jdk.GarbageCollection; with the serial GC, all of it stops the JVM). */
  private final long gcMillis;

  private CpuProfile(Map<String, Long> samples, long gcMillis)
  {
    this.samples = samples;
    this.gcMillis = gcMillis;
  }

  private static Map<String, List<String>> components()
  {
    final Map<String, List<String>> components = new LinkedHashMap<>();
    // The broker's MSK IAM check (SigV4, IAM policies) before druid-msk, whose prefix holds it.
    components.put("IAM on the broker: local-msk's authenticator and authorizer", List.of("dev.druidmsk.localmsk."));
    components.put("IAM: aws-msk-iam-auth, AWS SDK, druid-msk",
                   List.of("software.amazon.msk.", "software.amazon.awssdk.", "dev.druidmsk."));
    components.put("SASL: Kafka's authenticators", List.of("org.apache.kafka.common.security."));
    components.put("TLS and crypto: the JDK's", List.of("sun.security.", "com.sun.crypto.provider.", "javax.net.ssl."));
    components.put("Kafka's broker", List.of("kafka.", "org.apache.kafka.server.", "org.apache.kafka.storage."));
    components.put("Kafka's clients and common code, the rest", List.of("org.apache.kafka."));
    components.put("Druid", List.of("org.apache.druid."));
    return components;
  }

  /** A recording running in the JVM {@code pid} until {@link Recording#stop}. */
  static Recording start(long pid, Path file) throws IOException, InterruptedException
  {
    final String name = file.getFileName().toString();
    jcmd(pid, "JFR.start", "name=" + name, "settings=profile", "filename=" + file.toAbsolutePath());
    return new Recording(pid, name, file);
  }

  static final class Recording
  {
    private final long pid;
    private final String name;
    private final Path file;

    private Recording(long pid, String name, Path file)
    {
      this.pid = pid;
      this.name = name;
      this.file = file;
    }

    /** Stops the recording, which writes its file, and reads the samples. */
    CpuProfile stop() throws IOException, InterruptedException
    {
      jcmd(pid, "JFR.stop", "name=" + name);
      final Map<String, Long> samples = new LinkedHashMap<>();
      long gcMillis = 0;
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        final String type = event.getEventType().getName();
        if ("jdk.ExecutionSample".equals(type) && event.getStackTrace() != null) {
          samples.merge(component(event.getStackTrace().getFrames()), 1L, Long::sum);
        } else if ("jdk.GarbageCollection".equals(type)) {
          gcMillis += event.getDuration().toMillis();
        }
      }
      return new CpuProfile(samples, gcMillis);
    }
  }

  static String component(List<RecordedFrame> frames)
  {
    for (Map.Entry<String, List<String>> component : COMPONENTS.entrySet()) {
      for (RecordedFrame frame : frames) {
        final String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
        if (component.getValue().stream().anyMatch(type::startsWith)) {
          return component.getKey();
        }
      }
    }
    return OTHER;
  }

  /** The samples of both profiles. */
  CpuProfile plus(CpuProfile other)
  {
    final Map<String, Long> sum = new LinkedHashMap<>(samples);
    other.samples.forEach((component, count) -> sum.merge(component, count, Long::sum));
    return new CpuProfile(sum, gcMillis + other.gcMillis);
  }

  static CpuProfile empty()
  {
    return new CpuProfile(Map.of(), 0);
  }

  long gcMillis()
  {
    return gcMillis;
  }

  long total()
  {
    return samples.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The component's share of the samples, 0 to 1. */
  double share(String component)
  {
    final long total = total();
    return total == 0 ? 0 : (double) samples.getOrDefault(component, 0L) / total;
  }

  private static void jcmd(long pid, String... command) throws IOException, InterruptedException
  {
    final List<String> arguments = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)
    ));
    arguments.addAll(List.of(command));
    final Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
    final String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", command) + " on pid " + pid + " failed: " + output);
    }
  }
}
