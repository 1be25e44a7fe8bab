package dev.druidmsk.cli.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The least-privilege policies of the role a Kafka supervisor assumes to read from MSK, its statements those of
 * {@link ReaderStatement}:
 * <ul>
 *   <li>kafka-cluster:Connect on the cluster: every MSK IAM client signs this action in its SASL handshake;</li>
 *   <li>kafka-cluster:DescribeTopic on the topic: metadata and offset lookups (partition discovery by the
 *   supervisor, ListOffsets for lag and start offsets);</li>
 *   <li>kafka-cluster:ReadData on the topic: the tasks' Fetch requests;</li>
 *   <li>kafka-cluster:DescribeGroup and AlterGroup on Druid's groups (kafka-supervisor-*): Druid's consumers assign
 *   partitions and commit nothing to Kafka, so they make no group request, but MSK requires AlterGroup (and with it
 *   DescribeGroup) on some group for ReadData: without either the tasks' fetches are refused
 *   (ReaderPolicyNecessityIT); no other group is granted.</li>
 * </ul>
 * The trust policy lets one principal assume the role, only with the external ID (the confused-deputy guard).
 */
public final class IamPolicies
{
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String VERSION = "2012-10-17";
  private static final Pattern PRINCIPAL = Pattern.compile(
      "arn:(aws|aws-cn|aws-us-gov):iam::[0-9]{12}:(root|(role|user)/[A-Za-z0-9+=,.@_/-]{1,512})"
  );

  private IamPolicies()
  {
  }

  public static ObjectNode permissions(MskCluster cluster, ReaderRole role)
  {
    final ObjectNode policy = NODES.objectNode().put("Version", VERSION);
    final ArrayNode statements = policy.putArray("Statement");
    for (ReaderStatement statement : ReaderStatement.values()) {
      statements.add(allow(statement.sid(), statement.resourceArn(cluster, role), statement.actions()));
    }
    return policy;
  }

  public static ObjectNode trust(String trustedPrincipal, String externalId)
  {
    if (!PRINCIPAL.matcher(trustedPrincipal).matches()) {
      throw new PolicyException(
          "--trusted-principal must be the IAM ARN of the Druid nodes' identity: a role "
          + "(arn:aws:iam::111122223333:role/druid-ingest), a user, or an account root (arn:aws:iam::111122223333:root)."
      );
    }
    final ObjectNode statement = NODES.objectNode().put("Sid", "DruidAssumesReaderRole").put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", trustedPrincipal);
    statement.put("Action", "sts:AssumeRole");
    statement.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", externalId);
    final ObjectNode policy = NODES.objectNode().put("Version", VERSION);
    policy.putArray("Statement").add(statement);
    return policy;
  }

  private static ObjectNode allow(String sid, String resource, List<String> actions)
  {
    final ObjectNode statement = NODES.objectNode().put("Sid", sid).put("Effect", "Allow");
    final ArrayNode actionArray = statement.putArray("Action");
    for (String action : actions) {
      actionArray.add(action);
    }
    statement.put("Resource", resource);
    return statement;
  }
}
