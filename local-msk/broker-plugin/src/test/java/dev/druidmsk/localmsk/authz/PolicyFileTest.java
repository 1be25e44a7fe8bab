package dev.druidmsk.localmsk.authz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFileTest
{
  static final String ROLE = "arn:aws:iam::123456789012:role/reader";
  private static final IamIdentity READER = IamIdentity.ofRoleOrUserArn(ROLE);
  private static final String TOPIC = "arn:aws:kafka:us-east-1:123456789012:topic/c/u/orders";

  @TempDir
  Path dir;

  @Test
  void changedFileIsPickedUpOnTheNextCall() throws IOException
  {
    final Path file = write(dir.resolve("policies.json"), ROLE, "kafka-cluster:ReadData", 1);
    final PolicyFile policies = new PolicyFile(file);
    assertThat(policies.current().get(READER).evaluate("kafka-cluster:ReadData", TOPIC).allowed()).isTrue();

    write(file, ROLE, "kafka-cluster:WriteData", 2);

    assertThat(policies.current().get(READER).evaluate("kafka-cluster:ReadData", TOPIC).allowed()).isFalse();
    assertThat(policies.current().get(READER).evaluate("kafka-cluster:WriteData", TOPIC).allowed()).isTrue();
  }

  @Test
  void malformedFileKeepsTheLastGoodPolicies() throws IOException
  {
    final Path file = write(dir.resolve("policies.json"), ROLE, "kafka-cluster:ReadData", 1);
    final PolicyFile policies = new PolicyFile(file);

    Files.writeString(file, "{\"roles\": {");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:02Z")));

    assertThat(policies.current().get(READER).evaluate("kafka-cluster:ReadData", TOPIC).allowed()).isTrue();
  }

  @Test
  void deletedFileKeepsTheLastGoodPolicies() throws IOException
  {
    final Path file = write(dir.resolve("policies.json"), ROLE, "kafka-cluster:ReadData", 1);
    final PolicyFile policies = new PolicyFile(file);

    Files.delete(file);

    assertThat(policies.current().get(READER).evaluate("kafka-cluster:ReadData", TOPIC).allowed()).isTrue();
  }

  @Test
  void invalidFileAtStartIsAnError() throws IOException
  {
    final Path file = Files.writeString(dir.resolve("policies.json"), "{\"roles\": {\"" + ROLE + "\": {}}}");

    assertThatThrownBy(() -> new PolicyFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load the IAM policies file " + file)
        .hasMessageContaining(ROLE + ": expected an array of IAM policy documents");
  }

  @Test
  void invalidPolicyIsNamedByRoleAndPlace()
  {
    final String json = "{\"roles\": {\"" + ROLE + "\": [" + policy("kafka-cluster:ReadData")
                        + ", {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {}}}]}}";

    assertThatThrownBy(() -> PolicyFile.validate(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(ROLE + " policy 1: statement 0: Condition is not supported by local-msk");
  }

  @Test
  void sameRoleUnderTwoPathsIsAnError()
  {
    final String json = "{\"roles\": {\"" + ROLE + "\": [], \"arn:aws:iam::123456789012:role/team/reader\": []}}";

    assertThatThrownBy(() -> PolicyFile.validate(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is listed twice");
  }

  @Test
  void fileMustHoldRoles()
  {
    assertThatThrownBy(() -> PolicyFile.validate("{\"" + ROLE + "\": []}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected {\"roles\": {\"<role or user ARN>\": [<IAM policy document>, ...]}}");
  }

  static String policy(final String action)
  {
    return IamPolicyEvaluatorTest.allow(action, "arn:aws:kafka:*:*:topic/c/*");
  }

  /** Writes a file granting {@code action} on every topic of cluster c, with a distinct modification time. */
  static Path write(final Path file, final String role, final String action, final int second) throws IOException
  {
    Files.writeString(file, "{\"roles\": {\"" + role + "\": [" + policy(action) + "]}}");
    return Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second)));
  }
}
