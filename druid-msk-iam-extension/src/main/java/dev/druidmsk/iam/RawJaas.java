package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

import javax.security.auth.login.AppConfigurationEntry;
import java.util.Map;

/**
 * A spec's hand-written {@code sasl.jaas.config}: Kafka reads it with its own JAAS parser, and so does this class,
 * so an {@code IAMLoginModule} entry that bypasses the provider is held to the same node policy.
 */
final class RawJaas
{
  private static final String SECURITY_PROTOCOL = "security.protocol";

  private RawJaas()
  {
  }

  /** Checks the IAMLoginModule entries of the Kafka client properties in {@code properties}, if any. */
  static void check(JsonNode properties, MskIamNodePolicy policy)
  {
    final String jaas = properties.path(SaslConfigs.SASL_JAAS_CONFIG).asText("");
    if (!jaas.contains(MskIamConfigProvider.LOGIN_MODULE)) {
      return;
    }
    final JaasContext context = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)));
    for (AppConfigurationEntry entry : context.configurationEntries()) {
      if (MskIamConfigProvider.LOGIN_MODULE.equals(entry.getLoginModuleName())) {
        policy.checkJaas(entry.getOptions(), properties.path(SECURITY_PROTOCOL).asText(null));
      }
    }
  }
}
