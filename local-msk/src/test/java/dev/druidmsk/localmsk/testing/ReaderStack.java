package dev.druidmsk.localmsk.testing;

import dev.druidmsk.localmsk.ClientProperties;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.sts.Role;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A {@link LocalMsk} whose STS trusts {@link TestStacks#DRUID} to assume {@link TestStacks#READER_ROLE} with
 * {@link TestStacks#EXTERNAL_ID}, and this JVM's AWS system properties pointed at it until closed.
 */
public final class ReaderStack implements AutoCloseable
{
  private final String name;
  private final LocalMsk msk;
  private final ScopedSystemProperties aws;

  private ReaderStack(final String name, final LocalMsk msk)
  {
    this.name = name;
    this.msk = msk;
    this.aws = ScopedSystemProperties.set(msk.awsSystemProperties()).put("aws.disableEc2Metadata", "true");
  }

  public static ReaderStack start(final Class<?> testClass, final UnaryOperator<LocalMsk.Builder> settings)
      throws Exception
  {
    final LocalMsk.Builder builder = LocalMsk.builder(TestStacks.workDir(testClass), TestStacks.DRUID)
                                             .role(Role.trusting(
                                                 TestStacks.READER_ROLE, TestStacks.EXTERNAL_ID, TestStacks.DRUID.arn()
                                             ));
    final LocalMsk msk = settings.apply(builder).start();
    System.out.println(testClass.getSimpleName() + ": broker started in " + msk.broker().lastStartTime().toMillis() + " ms");
    return new ReaderStack(testClass.getSimpleName(), msk);
  }

  public LocalMsk msk()
  {
    return msk;
  }

  /** aws-msk-iam-auth client properties of the reader role, failing closed (no fallback to the base user). */
  public Map<String, Object> readerClient(final String sessionName, final String externalId, final boolean tls)
  {
    return new HashMap<>(ClientProperties.assumingRole(msk.broker(), tls, TestStacks.READER_ROLE, sessionName, externalId));
  }

  /** Replaces the IAM policies of {@code roleArn} at once (no restart). */
  public void policies(final String roleArn, final String... documents) throws IOException
  {
    msk.broker().policies(roleArn, List.of(documents));
  }

  /** Creates single-partition topics as the operator (the unauthenticated internal listener). */
  public void createTopics(final String... topics) throws Exception
  {
    try (Admin operator = Admin.create(msk.broker().operatorAdminProperties())) {
      operator.createTopics(Arrays.stream(topics).map(topic -> new NewTopic(topic, 1, (short) 1)).toList())
              .all()
              .get(60, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException
  {
    aws.close();
    System.out.println(name + ": STS calls " + msk.sts().counters().snapshot());
    msk.close();
  }
}
