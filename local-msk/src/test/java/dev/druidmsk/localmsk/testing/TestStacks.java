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

  private TestStacks()
  {
  }

  /** A fresh directory under the build's it-work folder, named for the test class. */
  public static Path workDir(final Class<?> testClass)
  {
    final Path root = Path.of(System.getProperty("druidmsk.work.dir", "target/it-work"));
    return root.resolve(testClass.getSimpleName() + '-' + System.currentTimeMillis()).toAbsolutePath();
  }

  /** The assumed-role principal Kafka sees for a session of {@link #READER_ROLE}. */
  public static String readerPrincipal(final String sessionName)
  {
    return "User:arn:aws:sts::222222222222:assumed-role/msk-reader/" + sessionName;
  }
}
