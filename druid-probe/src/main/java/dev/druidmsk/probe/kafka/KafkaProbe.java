package dev.druidmsk.probe.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.probe.node.Checks;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs in a class loader whose parent is the node's Kafka extension loader, so every Kafka and AWS class it touches
 * is the node's own: credentials as aws-msk-iam-auth would get them (the JAAS options the provider emitted), then
 * the Kafka calls a Druid supervisor and its tasks make, with the consumer properties Druid would build.
 * Request {@code {"properties", "topic", "timeoutMs", "skipKafka"}}; answer: an array of check results.
 */
public final class KafkaProbe implements Function<String, String>
{
  private static final Pattern JAAS_OPTION = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");

  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public String apply(String requestJson)
  {
    try {
      final JsonNode request = mapper.readTree(requestJson);
      final Map<String, String> properties = new LinkedHashMap<>();
      request.path("properties").fields().forEachRemaining(field -> properties.put(field.getKey(), field.getValue().asText()));
      final Duration timeout = Duration.ofMillis(request.path("timeoutMs").asLong());
      final Checks checks = new Checks();
      final boolean credentialsOk = new CredentialChecks(jaasOptions(properties.get("sasl.jaas.config")), timeout, checks).run();
      final String skipKafka = request.path("skipKafka").asText(null);
      final KafkaAccessChecks kafka = new KafkaAccessChecks(properties, request.path("topic").asText(null), timeout, checks);
      if (skipKafka != null) {
        kafka.skipAll("skipped: " + skipKafka);
      } else if (!credentialsOk) {
        kafka.skipAll("skipped: the credential checks failed, so the SASL handshake cannot succeed");
      } else {
        kafka.run();
      }
      return mapper.writeValueAsString(checks.results());
    }
    catch (IOException e) {
      throw new IllegalArgumentException("the Kafka probe request is not JSON", e);
    }
  }

  /** The IAMLoginModule options of a JAAS entry (empty when there is none, e.g. a non-IAM spec). */
  static Map<String, String> jaasOptions(String jaas)
  {
    final Map<String, String> options = new LinkedHashMap<>();
    if (jaas != null) {
      final Matcher matcher = JAAS_OPTION.matcher(jaas);
      while (matcher.find()) {
        options.put(matcher.group(1), matcher.group(2));
      }
    }
    return options;
  }
}
