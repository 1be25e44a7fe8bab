package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.sts.Role;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.ScopedSystemProperties;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node whose own identity is IRSA, Pod Identity or an instance profile (no keys at all) assumes a cross-account
 * reader role with an external ID through the real aws-msk-iam-auth and its AWS SDK default chain, and the broker
 * authenticates that reader session.
 */
class NodeIdentityIT
{
  private static final String NODE_READER = "arn:aws:iam::222222222222:role/msk-node-reader";
  private static ReaderStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(
        NodeIdentityIT.class,
        msk -> msk.role(Role.trusting(NODE_READER, TestStacks.EXTERNAL_ID, LocalMsk.NODE_ROLE_ARN))
                  .policy(NODE_READER, TestStacks.EVERY_KAFKA_ACTION)
    );
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anIrsaNodeAssumesTheReaderRoleFromItsWebIdentityToken() throws Exception
  {
    final long before = stack.msk().sts().counters().calls("AssumeRoleWithWebIdentity");

    connectAs(NodeIdentity.IRSA, "node-irsa");

    assertThat(stack.msk().sts().counters().calls("AssumeRoleWithWebIdentity")).isGreaterThan(before);
  }

  @Test
  void aPodIdentityNodeAssumesTheReaderRoleFromTheAgentsCredentials() throws Exception
  {
    final long before = stack.msk().sts().counters().calls("PodIdentity");

    connectAs(NodeIdentity.POD_IDENTITY, "node-pod-identity");

    assertThat(stack.msk().sts().counters().calls("PodIdentity")).isGreaterThan(before);
  }

  @Test
  void anInstanceProfileNodeAssumesTheReaderRoleFromImdsV2() throws Exception
  {
    final long before = stack.msk().sts().counters().calls("InstanceMetadata");

    connectAs(NodeIdentity.INSTANCE_PROFILE, "node-instance-profile");

    assertThat(stack.msk().sts().counters().calls("InstanceMetadata")).isGreaterThan(before);
  }

  private static void connectAs(final NodeIdentity kind, final String session) throws Exception
  {
    final LocalMsk msk = stack.msk();
    try (ScopedSystemProperties node = ScopedSystemProperties.set(msk.nodeSystemProperties(kind))
                                                             .remove("aws.accessKeyId")
                                                             .remove("aws.secretAccessKey")) {
      final Map<String, Object> properties = new HashMap<>(
          ClientProperties.assumingRole(msk.broker(), false, NODE_READER, session, TestStacks.EXTERNAL_ID)
      );
      try (Admin admin = Admin.create(properties)) {
        admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(msk.broker().authenticatedPrincipals())
        .contains("arn:aws:sts::222222222222:assumed-role/msk-node-reader/" + session);
  }
}
