package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyCommandTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CLUSTER_ARN =
      "arn:aws:kafka:eu-west-1:123456789012:cluster/apitelemetry/0f3a1b2c-1234-4d5e-8f90-0a1b2c3d4e5f-3";
  private static final String PRINCIPAL = "arn:aws:iam::210987654321:role/druid-ingest";

  @TempDir
  Path dir;

  private Cli.Result policy(ObjectNode spec, String... extra)
  {
    final List<String> args = new ArrayList<>(List.of(
        "policy", "--spec", Specs.write(dir, "spec.json", spec).toString(),
        "--cluster-arn", CLUSTER_ARN, "--trusted-principal", PRINCIPAL
    ));
    args.addAll(List.of(extra));
    return new Cli().run(args.toArray(new String[0]));
  }

  private static JsonNode expected() throws Exception
  {
    try (InputStream in = PolicyCommandTest.class.getResourceAsStream("api-telemetry-policies.json")) {
      return MAPPER.readTree(in);
    }
  }

  private static JsonNode masked(JsonNode policies)
  {
    final JsonNode copy = policies.deepCopy();
    ((ObjectNode) copy.at("/trustPolicy/Statement/0/Condition/StringEquals")).put("sts:ExternalId", "******");
    return copy;
  }

  @Test
  void printsTheExpectedPoliciesWithTheExternalIdMasked() throws Exception
  {
    final Cli.Result result = policy(Specs.apiTelemetry());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(MAPPER.readTree(result.out)).isEqualTo(masked(expected()));
    assertThat(result.all()).doesNotContain(Specs.EXTERNAL_ID);
  }

  @Test
  void writesBothPoliciesUnmaskedAndPrivateToTheOutputDir() throws Exception
  {
    final Path out = dir.resolve("policies");
    final Cli.Result result = policy(Specs.apiTelemetry(), "--output-dir", out.toString());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(MAPPER.readTree(out.resolve("permissions-policy.json").toFile())).isEqualTo(expected().get("permissionsPolicy"));
    assertThat(MAPPER.readTree(out.resolve("trust-policy.json").toFile())).isEqualTo(expected().get("trustPolicy"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("trust-policy.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aGroupIdInTheSpecNarrowsTheGroupResourceToIt() throws Exception
  {
    final ObjectNode spec = Specs.apiTelemetry();
    ((ObjectNode) Specs.ioConfig(spec).get("consumerProperties")).put("group.id", "druid-api-telemetry");
    final JsonNode output = MAPPER.readTree(policy(spec).out);
    assertThat(output.at("/permissionsPolicy/Statement/2/Resource").asText())
        .endsWith(":group/apitelemetry/0f3a1b2c-1234-4d5e-8f90-0a1b2c3d4e5f-3/druid-api-telemetry");
  }

  @Test
  void aTopicPatternBecomesAnIamWildcard() throws Exception
  {
    final ObjectNode spec = Specs.apiTelemetry();
    Specs.ioConfig(spec).remove("topic");
    Specs.ioConfig(spec).put("topicPattern", "api-telemetry\\..*");
    final JsonNode output = MAPPER.readTree(policy(spec).out);
    assertThat(output.at("/permissionsPolicy/Statement/1/Resource").asText()).endsWith("/api-telemetry.*");
  }

  @Test
  void aTopicPatternIamCannotExpressIsRefused()
  {
    final ObjectNode spec = Specs.apiTelemetry();
    Specs.ioConfig(spec).remove("topic");
    Specs.ioConfig(spec).put("topicPattern", "(orders|payments)");
    final Cli.Result result = policy(spec);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("IAM knows only * and ?");
  }

  @Test
  void aClusterInAnotherRegionThanTheBrokersIsRefused()
  {
    final Cli.Result result = new Cli().run(
        "policy", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString(),
        "--cluster-arn", CLUSTER_ARN.replace("eu-west-1", "us-east-1"), "--trusted-principal", PRINCIPAL
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("bootstrap.servers points at MSK in eu-west-1 but --cluster-arn is in us-east-1");
  }

  @Test
  void aMalformedClusterArnIsRefusedWithAnExampleAndNothingWritten()
  {
    final Path out = dir.resolve("policies");
    final Cli.Result result = new Cli().run(
        "policy", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString(),
        "--cluster-arn", "arn:aws:kafka:eu-west-1:123456789012:apitelemetry", "--trusted-principal", PRINCIPAL,
        "--output-dir", out.toString()
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--cluster-arn must be an MSK cluster ARN").contains("e.g. arn:aws:kafka:");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMalformedTrustedPrincipalIsRefused()
  {
    final Cli.Result result = new Cli().run(
        "policy", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString(),
        "--cluster-arn", CLUSTER_ARN, "--trusted-principal", "druid-ingest"
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--trusted-principal must be the IAM ARN");
  }

  @Test
  void aSpecWithoutRoleIsRefusedBecauseThereIsNoRoleToPolice()
  {
    final ObjectNode spec = Specs.apiTelemetry();
    Specs.provider(spec).remove("roleArn");
    final Cli.Result result = policy(spec);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("has no roleArn");
  }

  @Test
  void aSpecWithoutExternalIdNeedsTheExternalIdFile() throws Exception
  {
    final ObjectNode spec = Specs.apiTelemetry();
    Specs.provider(spec).remove("externalId");
    assertThat(policy(spec).err).contains("No external ID").contains("--external-id-file");
    final Path file = Files.writeString(dir.resolve("external-id"), "ext-from-file-2233\n");
    final Cli.Result result = policy(spec, "--external-id-file", file.toString(), "--output-dir", dir.resolve("p").toString());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.all()).doesNotContain("ext-from-file-2233");
    assertThat(MAPPER.readTree(dir.resolve("p/trust-policy.json").toFile())
                     .at("/Statement/0/Condition/StringEquals/sts:ExternalId").asText()).isEqualTo("ext-from-file-2233");
  }

  @Test
  void aNonKafkaSpecIsRefused()
  {
    final ObjectNode spec = Specs.apiTelemetry();
    spec.put("type", "kinesis");
    final Cli.Result result = policy(spec);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("covers Kafka (MSK) supervisor specs");
  }
}
