package dev.druidmsk.localmsk.testing;

import dev.druidmsk.iam.MskIamConfigProvider;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.iam.FakeSecrets;
import dev.druidmsk.localmsk.sts.BaseUser;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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

  /**
   * Kafka client properties as a Druid supervisor gets them from the aws-msk-iam provider, pointed at the local
   * broker's SASL_PLAINTEXT listener (or, with {@code tls}, its SASL_SSL listener and truststore).
   */
  public static Map<String, Object> clientProperties(
      final LocalMsk msk,
      final MskIamConfigProvider provider,
      final boolean tls
  )
  {
    final Map<String, Object> properties = new HashMap<>(provider.getConfig());
    properties.put("bootstrap.servers", tls ? msk.broker().saslSslBootstrap() : msk.broker().saslPlaintextBootstrap());
    if (tls) {
      properties.put("ssl.truststore.type", "PKCS12");
      properties.put("ssl.truststore.location", msk.broker().tls().truststore().toString());
      properties.put("ssl.truststore.password", msk.broker().tls().truststorePassword());
    }
    return properties;
  }

  /** The provider for {@link #READER_ROLE} with the given session name and external ID, failing closed. */
  public static MskIamConfigProvider readerProvider(final String sessionName, final String externalId, final boolean tls)
  {
    return new MskIamConfigProvider(
        READER_ROLE, sessionName, externalId, null, null, null, 0, 200, null, null,
        tls ? "SASL_SSL" : "SASL_PLAINTEXT", null
    );
  }
}
