package dev.druidmsk.localmsk.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamPoliciesTest
{
  private static final String READER = "arn:aws:iam::222222222222:role/reader";
  private static final String WRITER = "arn:aws:iam::222222222222:role/writer";
  private static final String CONNECT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                        + "\"Action\":\"kafka-cluster:Connect\",\"Resource\":\"*\"}]}";
  private static final String DESCRIBE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                         + "\"Action\":\"kafka-cluster:DescribeTopic\",\"Resource\":\"*\"}]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void fileHoldsEveryRolesDocumentsUnderRoles() throws Exception
  {
    new IamPolicies(dir.resolve("iam-policies.json"), Map.of(READER, List.of(CONNECT, DESCRIBE)));

    final JsonNode written = JSON.readTree(dir.resolve("iam-policies.json").toFile());

    assertThat(written.path("roles").path(READER)).containsExactly(JSON.readTree(CONNECT), JSON.readTree(DESCRIBE));
  }

  @Test
  void replaceChangesOnlyThatRole() throws Exception
  {
    final IamPolicies policies = new IamPolicies(
        dir.resolve("iam-policies.json"), Map.of(READER, List.of(CONNECT), WRITER, List.of(CONNECT))
    );

    policies.replace(READER, List.of(DESCRIBE));

    final JsonNode roles = JSON.readTree(dir.resolve("iam-policies.json").toFile()).path("roles");
    assertThat(roles.path(READER)).containsExactly(JSON.readTree(DESCRIBE));
    assertThat(roles.path(WRITER)).containsExactly(JSON.readTree(CONNECT));
  }

  @Test
  void replacingWithNoDocumentDetachesEveryPolicy() throws Exception
  {
    final IamPolicies policies = new IamPolicies(dir.resolve("iam-policies.json"), Map.of(READER, List.of(CONNECT)));

    policies.replace(READER, List.of());

    assertThat(JSON.readTree(dir.resolve("iam-policies.json").toFile()).path("roles").has(READER)).isFalse();
  }

  @Test
  void invalidDocumentLeavesTheFileAsItWas() throws Exception
  {
    final IamPolicies policies = new IamPolicies(dir.resolve("iam-policies.json"), Map.of(READER, List.of(CONNECT)));

    assertThatThrownBy(() -> policies.replace(READER, List.of("{\"Statement\": ["))).hasMessageContaining("not valid JSON");
    assertThat(JSON.readTree(dir.resolve("iam-policies.json").toFile()).path("roles").path(READER))
        .containsExactly(JSON.readTree(CONNECT));
  }
}
