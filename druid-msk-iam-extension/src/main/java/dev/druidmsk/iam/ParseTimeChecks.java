package dev.druidmsk.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import org.apache.druid.metadata.DynamicConfigProvider;

import java.io.IOException;
import java.util.Iterator;

/**
 * Checks that must run before Jackson builds the object:
 * <ul>
 * <li>the provider's option names, so a typo is reported as the cause, before any rule between options would
 * report its consequence ({@code rolArn} beside {@code externalId} is an unknown option, not an external ID without
 * a role);</li>
 * <li>a Kafka supervisor's {@code consumerProperties}: Druid keeps them as a plain map and builds the provider only
 * when the supervisor starts, after the Overlord has accepted and stored the spec. Building it while the spec is
 * parsed makes the Overlord refuse a bad provider, or one the node policy forbids, at submit; a hand-written
 * {@code sasl.jaas.config} naming {@code IAMLoginModule} is held to the node policy there too.</li>
 * </ul>
 * Classes are matched by name: this jar may sit in an extension folder without the Kafka indexing service.
 */
final class ParseTimeChecks extends BeanDeserializerModifier
{
  static final String KAFKA_SUPERVISOR_IO_CONFIG = "org.apache.druid.indexing.kafka.supervisor.KafkaSupervisorIOConfig";
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
      return new KnownOptionsFirst(deserializer);
    }
    if (KAFKA_SUPERVISOR_IO_CONFIG.equals(beanClass.getName())) {
      return new ConsumerPropertiesAtParse(deserializer);
    }
    return deserializer;
  }

  /** Hands the already-read object on to Jackson's own deserializer. */
  private static Object delegate(JsonDeserializer<?> delegatee, JsonNode tree, JsonParser p, DeserializationContext ctxt)
      throws IOException
  {
    try (JsonParser replay = tree.traverse(p.getCodec())) {
      replay.nextToken();
      return delegatee.deserialize(replay, ctxt);
    }
  }

  private static final class KnownOptionsFirst extends DelegatingDeserializer
  {
    KnownOptionsFirst(JsonDeserializer<?> delegatee)
    {
      super(delegatee);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee)
    {
      return new KnownOptionsFirst(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException
    {
      final JsonNode tree = ctxt.readTree(p);
      for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
        final String name = names.next();
        // Druid's mapper has already taken the type id off, unless it is written twice.
        if (!MskIamOptions.NAMES.contains(name) && !"type".equals(name)) {
          return ctxt.reportInputMismatch(this, "%s", OptionRules.unknownOptionMessage(name));
        }
      }
      return delegate(_delegatee, tree, p, ctxt);
    }
  }

  private static final class ConsumerPropertiesAtParse extends DelegatingDeserializer
  {
    ConsumerPropertiesAtParse(JsonDeserializer<?> delegatee)
    {
      super(delegatee);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee)
    {
      return new ConsumerPropertiesAtParse(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException
    {
      final JsonNode tree = ctxt.readTree(p);
      final JsonNode consumerProperties = tree.path("consumerProperties");
      final JsonNode provider = consumerProperties.path(PROVIDER_KEY);
      if (MskIamOptions.TYPE.equals(provider.path("type").asText())) {
        try (JsonParser providerParser = provider.traverse(p.getCodec())) {
          providerParser.nextToken();
          ctxt.readValue(providerParser, DynamicConfigProvider.class);
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
        return ctxt.reportInputMismatch(this, "%s", e.getMessage());
      }
      return delegate(_delegatee, tree, p, ctxt);
    }
  }
}
