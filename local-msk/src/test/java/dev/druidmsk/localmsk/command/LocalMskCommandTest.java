package dev.druidmsk.localmsk.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Command lines refused before anything starts: exit 2, a message naming the fix, no work directory made. */
class LocalMskCommandTest
{
  private static final String ROLE = "arn:aws:iam::222222222222:role/reader";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void policyWithoutEqualsSignIsRefused() throws Exception
  {
    assertRefused(start("--role", ROLE, "--policy", ROLE), "--policy takes ROLE_ARN=FILE");
  }

  @Test
  void policyFileThatDoesNotExistIsRefused() throws Exception
  {
    assertRefused(start("--role", ROLE, "--policy", ROLE + '=' + dir.resolve("absent.json")),
                  "cannot read " + dir.resolve("absent.json"));
  }

  @Test
  void policyFileThatIsNotJsonIsRefusedWithWhereItBreaks() throws Exception
  {
    final Path policy = Files.writeString(dir.resolve("broken.json"), "{\"Version\": \"2012-10-17\",\n  \"Statement\": [");

    assertRefused(start("--role", ROLE, "--policy", ROLE + '=' + policy), "is not valid JSON");
    assertThat(err()).contains("at line 2");
  }

  @Test
  void policyDocumentThatIsNotAnObjectIsRefused() throws Exception
  {
    final Path policy = Files.writeString(dir.resolve("list.json"), "[]");

    assertRefused(start("--role", ROLE, "--policy", ROLE + '=' + policy), "is not a JSON object");
  }

  @Test
  void policyForARoleTheEmulatorDoesNotHaveIsRefused() throws Exception
  {
    final Path policy = Files.writeString(dir.resolve("p.json"), "{}");

    assertRefused(start("--policy", ROLE + '=' + policy), "add --role " + ROLE);
  }

  @Test
  void authorizationOtherThanOnOrOffIsRefused() throws Exception
  {
    assertRefused(start("--authorization", "maybe"), "--authorization takes on or off, got 'maybe'");
  }

  @Test
  void policyWithAuthorizationOffIsRefused() throws Exception
  {
    final Path policy = Files.writeString(dir.resolve("p.json"), "{}");

    assertRefused(start("--role", ROLE, "--policy", ROLE + '=' + policy, "--authorization", "off"),
                  "--policy has no effect with --authorization off");
  }

  @Test
  void moreBrokersThanLoopbackEndpointsAreRefused() throws Exception
  {
    assertRefused(start("--brokers", "10"), "--brokers: 1 to 9; got 10");
  }

  @Test
  void fixedListenerPortsWithSeveralBrokersAreRefused() throws Exception
  {
    assertRefused(start("--brokers", "3", "--sasl-ssl-port", "9098"),
                  "--sasl-port and --sasl-ssl-port are chosen free with --brokers over 1");
  }

  @Test
  void roleThatIsNoRoleArnIsRefused() throws Exception
  {
    assertRefused(start("--role", "arn:aws:iam::222222222222:user/someone"), "--role takes ROLE_ARN[:EXTERNAL_ID]");
  }

  @Test
  void clusterNameMskWouldRefuseIsRefused() throws Exception
  {
    assertRefused(start("--cluster-name", "has space"), "is not an MSK cluster name");
  }

  @Test
  void rotationTestLifetimeOf900SecondsOrMoreIsRefused() throws Exception
  {
    assertRefused(start("--rotation-test-lifetime", "900"), "--rotation-test-lifetime takes 1 to 899 seconds");
  }

  @Test
  void theOldCredentialLifetimeOptionIsRefused() throws Exception
  {
    assertRefused(start("--credential-lifetime", "6"), "unknown option '--credential-lifetime'");
  }

  @Test
  void negativeConnectionRateIsRefused() throws Exception
  {
    assertRefused(start("--max-connection-rate", "-1"), "--max-connection-rate takes a whole number of at least 0");
  }

  @Test
  void unknownOptionIsRefusedWithTheUsage() throws Exception
  {
    assertRefused(start("--regoin", "eu-west-1"), "unknown option '--regoin'");
    assertThat(err()).contains("Usage: local-msk start");
  }

  @Test
  void optionWithoutValueIsRefused() throws Exception
  {
    assertThat(LocalMskCommand.run(new String[]{"start", "--work-dir"}, print(out), print(err))).isEqualTo(2);
    assertThat(err()).contains("--work-dir needs a value");
  }

  @Test
  void startWithoutWorkDirIsRefused() throws Exception
  {
    assertThat(LocalMskCommand.run(new String[]{"start"}, print(out), print(err))).isEqualTo(2);
    assertThat(err()).contains("--work-dir is required");
  }

  @Test
  void unknownCommandIsRefused() throws Exception
  {
    assertThat(LocalMskCommand.run(new String[]{"begin"}, print(out), print(err))).isEqualTo(2);
    assertThat(err()).contains("unknown command 'begin': use start or stop");
  }

  @Test
  void everyCommandAnswersHelp() throws Exception
  {
    assertThat(LocalMskCommand.run(new String[]{"--help"}, print(out), print(err))).isZero();
    assertThat(LocalMskCommand.run(new String[]{"start", "--help"}, print(out), print(err))).isZero();
    assertThat(LocalMskCommand.run(new String[]{"stop", "--help"}, print(out), print(err))).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: local-msk COMMAND")
        .contains("Usage: local-msk start")
        .contains("Usage: local-msk stop");
  }

  @Test
  void stopWithNothingRunningSaysSoAndSucceeds() throws Exception
  {
    assertThat(LocalMskCommand.run(new String[]{"stop", "--work-dir", dir.toString()}, print(out), print(err))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Nothing to stop: no local-msk runs from " + dir);
  }

  @Test
  void stopIgnoresAPidFileWhoseProcessIsNoLocalMsk() throws Exception
  {
    // This test JVM runs, but it is not local-msk: a pid reused by another program must never be signalled.
    Files.writeString(dir.resolve(PidFile.NAME), ProcessHandle.current().pid() + "\n");

    assertThat(LocalMskCommand.run(new String[]{"stop", "--work-dir", dir.toString()}, print(out), print(err))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Nothing to stop");
    assertThat(dir.resolve(PidFile.NAME)).doesNotExist();
  }

  private int start(final String... options) throws Exception
  {
    final List<String> args = new ArrayList<>(List.of("start", "--work-dir", dir.resolve("work").toString()));
    args.addAll(List.of(options));
    return LocalMskCommand.run(args.toArray(String[]::new), print(out), print(err));
  }

  private void assertRefused(final int exitCode, final String message)
  {
    assertThat(exitCode).as("exit code; stderr: %s", err()).isEqualTo(2);
    assertThat(err()).contains(message);
    assertThat(dir.resolve("work")).as("nothing started").doesNotExist();
  }

  private String err()
  {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static PrintStream print(final ByteArrayOutputStream stream)
  {
    return new PrintStream(stream, true, StandardCharsets.UTF_8);
  }
}
