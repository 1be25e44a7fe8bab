package dev.druidmsk.quickstart;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `./quickstart --stop` sends SIGTERM to the quickstart's JVM: a requested stop ends it with 0, as a normal end. */
class RequestedStopTest
{
  private record Ended(int exitCode, String output)
  {
  }

  /** Starts the fixture in its own JVM, sends it SIGTERM once it runs, and returns how it ended. */
  private static Ended terminated(String... args) throws Exception
  {
    final ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        RequestedStopFixture.class.getName()
    ).redirectErrorStream(true);
    builder.command().addAll(List.of(args));
    final Process process = builder.start();
    final BufferedReader output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)
    );
    assertThat(output.readLine()).isEqualTo("running");
    // SIGTERM, as kill sends it; Process.destroy would also close the output still to be read.
    process.toHandle().destroy();
    final StringBuilder rest = new StringBuilder();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      rest.append(line).append('\n');
    }
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return new Ended(process.exitValue(), rest.toString());
  }

  @Test
  void aStopRequestedWithSigtermIsANormalEndWithExitCodeZero() throws Exception
  {
    final Ended ended = terminated();

    assertThat(ended.output()).isEqualTo("stopping\n");
    assertThat(ended.exitCode()).isZero();
  }

  @Test
  void aStopThatFailsKeepsTheSignalsExitCode() throws Exception
  {
    final Ended ended = terminated("fail");

    assertThat(ended.output()).isEqualTo("stopping\n");
    assertThat(ended.exitCode()).isEqualTo(143);
  }
}
