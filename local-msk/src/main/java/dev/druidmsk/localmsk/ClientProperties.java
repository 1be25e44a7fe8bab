package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.broker.LocalKafkaBroker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Kafka client properties for aws-msk-iam-auth against the local broker, assuming a role through the local STS. */
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
      properties.put("ssl.truststore.type", "PKCS12");
      properties.put("ssl.truststore.location", broker.tls().truststore().toString());
      properties.put("ssl.truststore.password", broker.tls().truststorePassword());
    }
    return properties;
  }

  private static String option(final String name, final String value)
  {
    if (!JAAS_SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException("JAAS option " + name + " may hold only letters, digits and +=,.@:/-_");
    }
    return ' ' + name + "=\"" + value + '"';
  }
}
