package dev.druidmsk.cli.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.Redactor;
import dev.druidmsk.iam.MskIamOptions;
import dev.druidmsk.templates.spec.MskIamProvider;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an MSK-IAM Kafka supervisor spec says about the role it reads with: the aws-msk-iam provider's role and
 * external ID, the topic (or topic pattern, as an IAM wildcard), the consumer group, the broker region.
 */
public record ReaderRole(String roleArn, String externalId, String topicResource, String group, String brokerRegion)
{
  /** Druid names a supervisor's consumer group kafka-supervisor-<random> unless group.id is set. */
  static final String DRUID_GROUP_PATTERN = "kafka-supervisor-*";

  private static final Pattern MSK_HOST_REGION = Pattern.compile("\\.kafka\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?(:|$)");

  @Override
  public String toString()
  {
    return "ReaderRole[roleArn=" + roleArn + ", externalId=" + Redactor.MASK + ", topic=" + topicResource + "]";
  }

  public static ReaderRole of(JsonNode json)
  {
    final SupervisorSpec spec = SupervisorSpec.of(json);
    if (!"kafka".equals(spec.type())) {
      throw new PolicyException("`policy` covers Kafka (MSK) supervisor specs, \"type\": \"kafka\"; this spec is "
                             + "\"" + (spec.type().isEmpty() ? "?" : spec.type()) + "\".");
    }
    final MskIamProvider provider = spec.mskIamProvider().orElseThrow(() -> new PolicyException(
        "The spec has no " + MskIamOptions.TYPE + " provider at ioConfig.consumerProperties[\""
        + SupervisorSpec.PROVIDER + "\"]: render it from an MSK-IAM template (e.g. msk-iam-api-telemetry)."
    ));
    final String roleArn = provider.roleArn().orElseThrow(() -> new PolicyException(
        "The aws-msk-iam provider has no roleArn, so Druid reads with the node's own identity and there is no role "
        + "to write policies for: set roleArn (the cross-account reader role)."
    ));
    return new ReaderRole(
        roleArn,
        provider.externalId().orElse(null),
        topicResource(spec),
        spec.consumerProperty(SupervisorSpec.GROUP_ID).orElse(DRUID_GROUP_PATTERN),
        brokerRegion(spec.bootstrapServers().orElse(""))
    );
  }

  private static String topicResource(SupervisorSpec spec)
  {
    final Optional<String> topic = spec.topic();
    if (topic.isPresent()) {
      return topic.get();
    }
    return spec.topicPattern().map(ReaderRole::iamWildcard).orElseThrow(() -> new PolicyException(
        "The spec has neither ioConfig.topic nor ioConfig.topicPattern: set the topic to read."
    ));
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
