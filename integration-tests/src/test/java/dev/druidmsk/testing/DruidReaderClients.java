package dev.druidmsk.testing;

import dev.druidmsk.iam.MskIamConfigProvider;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.testing.TestStacks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Kafka clients of the reader role as Druid makes them: through druid-msk's aws-msk-iam dynamic config provider. */
public final class DruidReaderClients
{
  /** What the provider's shared cache holds back before expiry: it never signs with credentials inside it. */
  public static final Duration SIGNING_MARGIN = Duration.ofSeconds(5);

  private DruidReaderClients()
  {
  }

  /**
   * How often the shared cache assumes the role for credentials of {@code lifetime}: halfway through their usable part
   * (all but {@link #SIGNING_MARGIN}). At the shortest, since local-msk's expiry falls on a whole second, up to 1 s
   * before the lifetime asked for.
   */
  public static Duration sharedRefreshPeriod(final Duration lifetime)
  {
    return lifetime.minusSeconds(1).minus(SIGNING_MARGIN).dividedBy(2);
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

  /** The provider for {@link TestStacks#READER_ROLE} with the given session name and external ID, failing closed. */
  public static MskIamConfigProvider readerProvider(final String sessionName, final String externalId, final boolean tls)
  {
    return readerProvider(sessionName, externalId, tls, null);
  }

  /** As above; {@code fallback} true lets the node's own credentials stand in when the role cannot be assumed. */
  public static MskIamConfigProvider readerProvider(
      final String sessionName,
      final String externalId,
      final boolean tls,
      final Boolean fallback
  )
  {
    return new MskIamConfigProvider(
        TestStacks.READER_ROLE, sessionName, externalId, null, null, fallback, 0, 200, null, null,
        tls ? "SASL_SSL" : "SASL_PLAINTEXT", null, null
    );
  }
}
