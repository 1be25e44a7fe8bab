package dev.druidmsk.cli.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.Redactor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an MSK-IAM Kafka supervisor spec says about the role it reads with: the aws-msk-iam provider's role and
 * external ID, the topic (or topic pattern, as an IAM wildcard), the consumer group, the broker region.
 */
public record ReaderRole(String roleArn, String externalId, String topicResource, String group, String brokerRegion)
{
  static final String PROVIDER_KEY = "druid.dynamic.config.provider";
  /** Druid names a supervisor's consumer group kafka-supervisor-<random> unless group.id is set. */
  static final String DRUID_GROUP_PATTERN = "kafka-supervisor-*";

  private static final Pattern MSK_HOST_REGION = Pattern.compile("\\.kafka\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?(:|$)");

  @Override
  public String toString()
  {
    return "ReaderRole[roleArn=" + roleArn + ", externalId=" + Redactor.MASK + ", topic=" + topicResource + "]";
  }

  public static ReaderRole of(JsonNode spec)
  {
    if (!"kafka".equals(spec.path("type").asText())) {
      throw new PolicyException("`policy` covers Kafka (MSK) supervisor specs, \"type\": \"kafka\"; this spec is "
                             + "\"" + spec.path("type").asText("?") + "\".");
    }
    final JsonNode ioConfig = spec.path("spec").has("ioConfig") ? spec.path("spec").path("ioConfig") : spec.path("ioConfig");
    final JsonNode consumerProperties = ioConfig.path("consumerProperties");
    final JsonNode provider = consumerProperties.path(PROVIDER_KEY);
    if (!"aws-msk-iam".equals(provider.path("type").asText())) {
      throw new PolicyException(
          "The spec has no aws-msk-iam provider at ioConfig.consumerProperties[\"" + PROVIDER_KEY + "\"]: render it "
          + "from an MSK-IAM template (e.g. msk-iam-api-telemetry)."
      );
    }
    if (!provider.path("roleArn").isTextual()) {
      throw new PolicyException(
          "The aws-msk-iam provider has no roleArn, so Druid reads with the node's own identity and there is no role "
          + "to write policies for: set roleArn (the cross-account reader role)."
      );
    }
    final String externalId = provider.path("externalId").isTextual() ? provider.get("externalId").asText() : null;
    final String group = consumerProperties.path("group.id").isTextual()
                         ? consumerProperties.get("group.id").asText()
                         : DRUID_GROUP_PATTERN;
    return new ReaderRole(
        provider.get("roleArn").asText(),
        externalId,
        topicResource(ioConfig),
        group,
        brokerRegion(consumerProperties.path("bootstrap.servers").asText(""))
    );
  }

  private static String topicResource(JsonNode ioConfig)
  {
    if (ioConfig.path("topic").isTextual()) {
      return ioConfig.get("topic").asText();
    }
    if (ioConfig.path("topicPattern").isTextual()) {
      return iamWildcard(ioConfig.get("topicPattern").asText());
    }
    throw new PolicyException("The spec has neither ioConfig.topic nor ioConfig.topicPattern: set the topic to read.");
  }

  /** IAM resources know only `*` and `?`: a pattern of literal characters and `.*` translates exactly. */
  static String iamWildcard(String regex)
  {
    final StringBuilder wildcard = new StringBuilder();
    int i = 0;
    while (i < regex.length()) {
      final char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length() && "._-".indexOf(regex.charAt(i + 1)) >= 0) {
        wildcard.append(regex.charAt(i + 1));
        i += 2;
      } else if (c == '.' && i + 1 < regex.length() && regex.charAt(i + 1) == '*') {
        wildcard.append('*');
        i += 2;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        wildcard.append(c);
        i++;
      } else {
        throw new PolicyException(
            "ioConfig.topicPattern cannot be written as an IAM resource exactly (IAM knows only * and ?): use literal "
            + "characters, \\. and .* only, e.g. api-telemetry\\..* ; or list topics explicitly."
        );
      }
    }
    return wildcard.toString();
  }

  private static String brokerRegion(String bootstrapServers)
  {
    final Matcher matcher = MSK_HOST_REGION.matcher(bootstrapServers);
    return matcher.find() ? matcher.group(1) : null;
  }
}
