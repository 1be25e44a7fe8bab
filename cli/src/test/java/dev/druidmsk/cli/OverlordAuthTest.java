package dev.druidmsk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Druid basic security: where the password comes from, what is sent, and that it is never printed. */
class OverlordAuthTest
{
  private static final String EXPECTED_HEADER = "Basic " + Base64.getEncoder().encodeToString(
      ("ingest-admin:" + Specs.PASSWORD).getBytes(StandardCharsets.UTF_8)
  );

  @TempDir
  Path dir;

  @RegisterExtension
  final OverlordStub overlord = OverlordStub.http().requiringAuthorization(EXPECTED_HEADER).running(Specs.apiTelemetry());

  @Test
  void sendsTheUserAndThePasswordFromTheEnvironment()
  {
    final Cli.Result result = new Cli().env("DRUID_MSK_PASSWORD", Specs.PASSWORD)
                                       .run("spec", "status", Specs.ID, "--overlord", overlord.url(), "--user", "ingest-admin", "--insecure-http");
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(overlord.requests().get(0).authorization).isEqualTo(EXPECTED_HEADER);
  }

  @Test
  void readsTheUserFromTheEnvironmentAndThePasswordFromAFile() throws Exception
  {
    final Path passwordFile = Files.writeString(dir.resolve("password"), Specs.PASSWORD + "\n");
    final Cli.Result result = new Cli().env("DRUID_MSK_USER", "ingest-admin").env("DRUID_MSK_OVERLORD", overlord.url())
                                       .run("spec", "status", Specs.ID, "--password-file", passwordFile.toString(), "--insecure-http");
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(overlord.requests().get(0).authorization).isEqualTo(EXPECTED_HEADER);
  }

  @Test
  void aRejectedPasswordExitsTwoNamingTheFixWithoutEchoingIt()
  {
    final Cli.Result result = new Cli().env("DRUID_MSK_PASSWORD", Specs.PASSWORD + "-wrong")
                                       .run("spec", "status", Specs.ID, "--overlord", overlord.url(), "--user", "ingest-admin", "--insecure-http");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("rejected the credentials (HTTP 401)").contains("DRUID_MSK_PASSWORD");
    assertThat(result.all()).doesNotContain(Specs.PASSWORD);
  }

  @Test
  void aUserWithoutAPasswordIsRefusedBeforeAnyRequest()
  {
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", overlord.url(), "--user", "ingest-admin", "--insecure-http");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("No password for user 'ingest-admin'").contains("--password-file");
    assertThat(overlord.requests()).isEmpty();
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutEchoingThem()
  {
    final String url = overlord.url().replace("http://", "http://ingest-admin:" + Specs.PASSWORD + "@");
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", url);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("must not contain credentials");
    assertThat(result.all()).doesNotContain(Specs.PASSWORD);
    assertThat(overlord.requests()).isEmpty();
  }

  @Test
  void aMissingOverlordUrlNamesTheOptionAndTheVariable()
  {
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--overlord URL").contains("DRUID_MSK_OVERLORD");
  }

  @Test
  void aLoginOverPlainHttpIsRefusedUnlessInsecureHttpSaysSo()
  {
    final Cli.Result result = new Cli().env("DRUID_MSK_PASSWORD", Specs.PASSWORD)
                                       .run("spec", "status", Specs.ID, "--overlord", overlord.url(), "--user", "ingest-admin");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("is http://, which would send the password of 'ingest-admin' readable")
                          .contains("--insecure-http");
    assertThat(result.all()).doesNotContain(Specs.PASSWORD);
    assertThat(overlord.requests()).isEmpty();
  }
}
