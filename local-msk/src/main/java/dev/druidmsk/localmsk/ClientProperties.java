package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.broker.LocalKafkaBroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kafka client properties for the local broker: aws-msk-iam-auth assuming a role through the local STS, and the
 * clients of MSK's TLS and SCRAM listeners when the broker has them.
 */
public final class ClientProperties
{
  private static final Pattern JAAS_SAFE = Pattern.compile("[\\w+=,.@:/-]+");

  private ClientProperties()
  {
  }

  /**
   * @param tls        the SASL_SSL listener (with the broker's truststore) rather than SASL_PLAINTEXT
   * @param externalId null when the role requires none
   */
  public static Map<String, String> assumingRole(
      final LocalKafkaBroker broker,
      final boolean tls,
      final String roleArn,
      final String sessionName,
      final String externalId
  )
  {
    final StringBuilder jaas = new StringBuilder("software.amazon.msk.auth.iam.IAMLoginModule required");
    jaas.append(option("awsRoleArn", roleArn)).append(option("awsRoleSessionName", sessionName));
    if (externalId != null) {
      jaas.append(option("awsRoleExternalId", externalId));
    }
    // Fail closed: never fall back to the base credentials when the role cannot be assumed.
    jaas.append(option("awsAddDefaultProviders", "false")).append(';');

    final Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", tls ? broker.saslSslBootstrap() : broker.saslPlaintextBootstrap());
    properties.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
    properties.put("sasl.mechanism", "AWS_MSK_IAM");
    properties.put("sasl.jaas.config", jaas.toString());
    properties.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    if (tls) {
      trust(properties, broker);
    }
    return properties;
  }

  /** The TLS listener's client: SSL, trusting the broker's certificate, no authentication. */
  public static Map<String, String> tls(final LocalKafkaBroker broker)
  {
    final Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", broker.sslBootstrap());
    properties.put("security.protocol", "SSL");
    trust(properties, broker);
    return properties;
  }

  /** The SCRAM listener's client: SASL_SSL, SCRAM-SHA-512 as the broker's SCRAM user with its password. */
  public static Map<String, String> scram(final LocalKafkaBroker broker) throws IOException
  {
    final String password = Files.readString(broker.scramPasswordFile(), StandardCharsets.UTF_8).strip();
    final Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", broker.scramBootstrap());
    properties.put("security.protocol", "SASL_SSL");
    properties.put("sasl.mechanism", "SCRAM-SHA-512");
    properties.put("sasl.jaas.config", scramJaasConfig(LocalKafkaBroker.SCRAM_USER, password));
    trust(properties, broker);
    return properties;
  }

  /** Kafka's SCRAM login for a user and password (both JAAS-safe: letters, digits and +=,.@:/-_). */
  public static String scramJaasConfig(final String user, final String password)
  {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required" + option("username", user)
           + option("password", password) + ';';
  }

  private static void trust(final Map<String, String> properties, final LocalKafkaBroker broker)
  {
    properties.put("ssl.truststore.type", "PKCS12");
    properties.put("ssl.truststore.location", broker.tls().truststore().toString());
    properties.put("ssl.truststore.password", broker.tls().truststorePassword());
  }

  private static String option(final String name, final String value)
  {
    if (!JAAS_SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException("JAAS option " + name + " may hold only letters, digits and +=,.@:/-_");
    }
    return ' ' + name + "=\"" + value + '"';
  }
}
