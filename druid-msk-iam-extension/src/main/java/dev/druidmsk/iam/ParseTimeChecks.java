package dev.druidmsk.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import org.apache.druid.metadata.DynamicConfigProvider;

import java.io.IOException;
import java.util.Set;

/**
 * Checks that must run before Jackson builds the object:
 * <ul>
 * <li>the provider's option names, so a typo is reported as the cause, before any rule between options would
 * report its consequence ({@code rolArn} beside {@code externalId} is an unknown option, not an external ID without
 * a role);</li>
 * <li>the {@code consumerProperties} of a Kafka supervisor or task: Druid keeps them as a plain map and builds the
 * provider only when the supervisor or task starts, after the Overlord has accepted and stored the spec. Building it
 * while the spec is parsed makes the Overlord refuse a bad provider, or one the node policy forbids, at submit; a
 * hand-written {@code sasl.jaas.config} naming {@code IAMLoginModule} is held to the node policy there too, and
 * again when a task is parsed where it runs (a task may be submitted directly, not by a supervisor).</li>
 * </ul>
 * Classes are matched by name: this jar may sit in an extension folder without the Kafka indexing service.
 */
final class ParseTimeChecks extends BeanDeserializerModifier
{
  private static final Set<String> KAFKA_IO_CONFIGS = Set.of(
      "org.apache.druid.indexing.kafka.supervisor.KafkaSupervisorIOConfig",
      "org.apache.druid.indexing.kafka.KafkaIndexTaskIOConfig"
  );
  private static final String PROVIDER_KEY = "druid.dynamic.config.provider";

  @Override
  public JsonDeserializer<?> modifyDeserializer(
      DeserializationConfig config,
      BeanDescription beanDesc,
      JsonDeserializer<?> deserializer
  )
  {
    final Class<?> beanClass = beanDesc.getBeanClass();
    if (beanClass == MskIamConfigProvider.class) {
      return new CheckedFirst(deserializer, ParseTimeChecks::knownOptionsOnly);
    }
    if (KAFKA_IO_CONFIGS.contains(beanClass.getName())) {
      return new CheckedFirst(deserializer, ParseTimeChecks::consumerProperties);
    }
    return deserializer;
  }

  /** Throws when the object, read as a tree, breaks a rule; {@code deserializer} is the one reporting it. */
  @FunctionalInterface
  private interface Check
  {
    void apply(JsonNode tree, JsonParser p, DeserializationContext ctxt, JsonDeserializer<?> deserializer)
        throws IOException;
  }

  private static void knownOptionsOnly(
      JsonNode tree,
      JsonParser p,
      DeserializationContext ctxt,
      JsonDeserializer<?> deserializer
  ) throws IOException
  {
    try {
      // Druid's mapper has already taken the type id off, unless it is written twice.
      OptionRules.checkKnownOptions(tree::fieldNames);
    }
    catch (IllegalArgumentException e) {
      ctxt.reportInputMismatch(deserializer, "%s", e.getMessage());
    }
  }

  private static void consumerProperties(
      JsonNode tree,
      JsonParser p,
      DeserializationContext ctxt,
      JsonDeserializer<?> deserializer
  ) throws IOException
  {
    final JsonNode consumerProperties = tree.path("consumerProperties");
    final JsonNode provider = consumerProperties.path(PROVIDER_KEY);
    if (MskIamOptions.TYPE.equals(provider.path("type").asText())) {
      try (JsonParser providerParser = provider.traverse(p.getCodec())) {
        providerParser.nextToken();
        ctxt.readValue(providerParser, DynamicConfigProvider.class);
      }
      catch (JsonMappingException e) {
        // Where the problem is, for tools that point at it (Druid's answer shows the message only).
        e.prependPath(new JsonMappingException.Reference(null, PROVIDER_KEY));
        e.prependPath(new JsonMappingException.Reference(null, "consumerProperties"));
        throw e;
      }
    }
    try {
      RawJaas.check(consumerProperties, NodePolicyHolder.current());
      // Druid's default provider type: its map is applied on top of the literal properties.
      if (provider.isObject() && provider.path("type").asText("mapString").equals("mapString")) {
        RawJaas.check(provider.path("config"), NodePolicyHolder.current());
      }
    }
    catch (IllegalArgumentException e) {
      ctxt.reportInputMismatch(deserializer, "%s", e.getMessage());
    }
  }

  /** Reads the object as a tree, applies its check, then hands the tree to Jackson's own deserializer. */
  private static final class CheckedFirst extends DelegatingDeserializer
  {
    private final Check check;

    CheckedFirst(JsonDeserializer<?> delegatee, Check check)
    {
      super(delegatee);
      this.check = check;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee)
    {
      return new CheckedFirst(newDelegatee, check);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException
    {
      final JsonNode tree = ctxt.readTree(p);
      check.apply(tree, p, ctxt, this);
      try (JsonParser replay = tree.traverse(p.getCodec())) {
        replay.nextToken();
        return _delegatee.deserialize(replay, ctxt);
      }
    }
  }
}
