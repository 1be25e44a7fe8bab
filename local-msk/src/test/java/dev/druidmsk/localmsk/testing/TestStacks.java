package dev.druidmsk.localmsk.testing;

import dev.druidmsk.localmsk.iam.FakeSecrets;
import dev.druidmsk.localmsk.sts.BaseUser;

import java.nio.file.Path;

/** The identities and client settings the integration tests share. */
public final class TestStacks
{
  public static final BaseUser DRUID = new BaseUser(
      "AKIAIOSFODNN7DRUIDIT", FakeSecrets.marked("-druid-it-secret-druid-it"), "arn:aws:iam::111111111111:user/druid"
  );
  public static final String READER_ROLE = "arn:aws:iam::222222222222:role/msk-reader";
  public static final String EXTERNAL_ID = "druid-msk-it-external-id";
  /** Test producers' own role, trusted by {@link #DRUID} without an external ID; see {@link #producerPolicy}. */
  public static final String PRODUCER_ROLE = "arn:aws:iam::222222222222:role/msk-test-producer";
  /**
   * Every {@code kafka-cluster} action on everything: for tests about authentication or credentials (not about
   * authorization), whose clients create topics, produce and consume as the reader role.
   */
  public static final String EVERY_KAFKA_ACTION = """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "kafka-cluster:*", "Resource": "*"}
      ]}
      """;

  private TestStacks()
  {
  }

  /**
   * What an idempotent producer of any topic of the cluster needs and no more: Connect, WriteDataIdempotently (the
   * cluster's IDEMPOTENT_WRITE, which kafka-clients' default producer asks for) and DescribeTopic + WriteData on its
   * topics.
   */
  public static String producerPolicy(final String clusterArn)
  {
    return """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"],
           "Resource": "%s"},
          {"Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"], "Resource": "%s"}
        ]}
        """.formatted(clusterArn, resources(clusterArn, "topic"));
  }

  /**
   * What a consumer of any topic of the cluster needs, in the shape {@code druid-msk policy} gives a reader: Connect,
   * DescribeTopic + ReadData on the topics, DescribeGroup + AlterGroup on the groups (ReadData requires AlterGroup
   * even of a consumer without a group).
   */
  public static String readerPolicy(final String clusterArn)
  {
    return """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "%s"},
          {"Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], "Resource": "%s"},
          {"Effect": "Allow", "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"], "Resource": "%s"}
        ]}
        """.formatted(clusterArn, resources(clusterArn, "topic"), resources(clusterArn, "group"));
  }

  /** Every resource of a type in the cluster: {@code arn:aws:kafka:REGION:ACCOUNT:TYPE/NAME/UUID/*}. */
  private static String resources(final String clusterArn, final String type)
  {
    return clusterArn.replace(":cluster/", ':' + type + '/') + "/*";
  }

  /** A fresh directory under the build's it-work folder, named for the test class. */
  public static Path workDir(final Class<?> testClass)
  {
    final Path root = Path.of(System.getProperty("druidmsk.work.dir", "target/it-work"));
    return root.resolve(testClass.getSimpleName() + '-' + System.currentTimeMillis()).toAbsolutePath();
  }
}
