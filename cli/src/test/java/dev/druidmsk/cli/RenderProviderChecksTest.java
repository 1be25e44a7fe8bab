package dev.druidmsk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** spec render runs the aws-msk-iam provider's own checks and writes nothing the provider would refuse. */
class RenderProviderChecksTest
{
  @TempDir
  Path dir;

  private Cli.Result render(String roleArn, String externalId)
  {
    return new Cli().run(
        "spec", "render", "-t", "msk-iam-api-telemetry",
        "--set", "topic=api-requests",
        "--set", "bootstrapServers=b-1.apitelemetry.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098",
        "--set", "roleArn=" + roleArn,
        "--set", "externalId=" + externalId,
        "--set", "stsRegion=eu-west-1",
        "-o", dir.resolve("api_requests.json").toString()
    );
  }

  @Test
  void aMistypedRoleArnIsRefusedWithTheProvidersMessageAndNothingIsWritten()
  {
    final Cli.Result result = render("arn:aws:iam::123456789012:rle/druid-msk-reader", "druid-msk-3f9a2c");

    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.err).contains("Nothing written: the aws-msk-iam provider would refuse this spec.")
                          .contains("Invalid aws-msk-iam option 'roleArn': resource must be role/[<path>/]<role name>, "
                                    + "got 'rle/druid-msk-reader'");
    assertThat(dir.resolve("api_requests.json")).doesNotExist();
  }

  @Test
  void anEmptyExternalIdFromAnUnsetVariableIsRefusedNamingTheCause()
  {
    final Cli.Result result = render("arn:aws:iam::123456789012:role/druid-msk-reader", "");

    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.err).contains("Invalid aws-msk-iam option 'externalId': length must be 2 to 1224 characters")
                          .contains("'externalId' is empty, as an unset shell variable makes it in "
                                    + "--set externalId=\"$VARIABLE\": set the variable first");
    assertThat(dir.resolve("api_requests.json")).doesNotExist();
  }

  @Test
  void optionsTheProviderAcceptsAreWritten()
  {
    final Cli.Result result = render("arn:aws:iam::123456789012:role/druid-msk-reader", "druid-msk-3f9a2c");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(dir.resolve("api_requests.json")).exists();
  }
}
