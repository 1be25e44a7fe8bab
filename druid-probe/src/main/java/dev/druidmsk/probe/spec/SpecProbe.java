package dev.druidmsk.probe.spec;

import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.probe.DruidExtensions;
import dev.druidmsk.probe.RootCause;
import org.apache.druid.indexing.overlord.supervisor.SupervisorSpec;
import org.apache.druid.indexing.overlord.supervisor.SupervisorStateManagerConfig;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.metadata.DynamicConfigProvider;

import java.io.IOException;
import java.util.function.Function;

/**
 * Runs inside the isolated class loader of a Druid home, next to Druid's own classes: parses a supervisor spec the
 * way the Overlord does (Druid's DefaultObjectMapper, the Jackson modules of every extension folder found by
 * Druid's ExtensionsLoader, and the injectable values a parse needs) and reports the outcome as JSON.
 *
 * <p>Only java.* types cross the class loader boundary: a JSON request string in, a JSON response string out.
 * Request: {@code {"supervisor": <spec>, "provider": <druid.dynamic.config.provider, optional>}}. Response:
 * {@code {"supervisor": {"canonical": <spec as Druid writes it back>} | {"error", "path", "typeId"},
 * "provider": {"types": [type names Druid knows], "class"} | {"types", "error"},
 * "consumerConfigNames": [the Kafka consumer's settings, when an extension has a Kafka client]}}.
 */
public final class SpecProbe implements Function<String, String>, AutoCloseable
{
  private static final String KAFKA_CONSUMER_CONFIG = "org.apache.kafka.clients.consumer.ConsumerConfig";

  private final ObjectMapper mapper;
  private final DruidExtensions extensions;
  private final ArrayNode consumerConfigNames;

  public SpecProbe(String extensionsDirectory)
  {
    this(new DefaultObjectMapper(), extensionsDirectory);
  }

  private SpecProbe(ObjectMapper mapper, String extensionsDirectory)
  {
    this(mapper, new DruidExtensions(mapper, extensionsDirectory));
  }

  /**
   * Parses with the extensions another probe of this JVM loaded into {@code mapper} (the doctor's node probe), so
   * that they load once; the Overlord's parse injectables are set on that mapper.
   */
  public SpecProbe(ObjectMapper mapper, DruidExtensions extensions)
  {
    this.mapper = mapper;
    this.extensions = extensions;
    mapper.setInjectableValues(new OverlordParseInjectables(mapper));
    consumerConfigNames = kafkaConsumerConfigNames();
  }

  @Override
  public String apply(String request)
  {
    try {
      return mapper.writeValueAsString(answer(mapper.readTree(request)));
    }
    catch (IOException e) {
      throw new IllegalArgumentException("the probe request is not JSON: " + e.getMessage(), e);
    }
  }

  /** The same answer as {@link #apply}, as JSON trees, for a caller in this class loader (the doctor's node probe). */
  public ObjectNode answer(JsonNode request)
  {
    final ObjectNode response = mapper.createObjectNode();
    response.set("supervisor", parseSupervisor(request.get("supervisor")));
    if (consumerConfigNames != null) {
      response.set("consumerConfigNames", consumerConfigNames);
    }
    if (request.hasNonNull("provider")) {
      response.set("provider", resolveProvider(request.get("provider")));
    }
    return response;
  }

  private ObjectNode parseSupervisor(JsonNode spec)
  {
    final ObjectNode result = mapper.createObjectNode();
    final SupervisorSpec parsed;
    try {
      parsed = mapper.treeToValue(spec, SupervisorSpec.class);
    }
    catch (JsonMappingException e) {
      result.put("error", describe(e));
      final ArrayNode path = result.putArray("path");
      for (JsonMappingException.Reference reference : e.getPath()) {
        if (reference.getFieldName() != null) {
          path.add(reference.getFieldName());
        } else {
          path.add(reference.getIndex());
        }
      }
      if (e instanceof InvalidTypeIdException) {
        result.put("typeId", ((InvalidTypeIdException) e).getTypeId());
      }
      return result;
    }
    catch (IOException | RuntimeException e) {
      result.put("error", RootCause.message(e));
      return result;
    }
    try {
      result.set("canonical", mapper.valueToTree(parsed));
    }
    catch (RuntimeException e) {
      result.put("canonicalError", RootCause.message(e));
    }
    return result;
  }

  private ObjectNode resolveProvider(JsonNode provider)
  {
    final ObjectNode result = mapper.createObjectNode();
    extensions.providerTypes().forEach(result.putArray("types")::add);
    try {
      result.put("class", mapper.treeToValue(provider, DynamicConfigProvider.class).getClass().getName());
    }
    catch (IOException | RuntimeException e) {
      result.put("error", RootCause.message(e));
    }
    return result;
  }

  /** The consumer settings of the Kafka client in the extensions (null without one): Kafka ignores all others. */
  private ArrayNode kafkaConsumerConfigNames()
  {
    for (ClassLoader loader : extensions.all()) {
      try {
        final Object names = Class.forName(KAFKA_CONSUMER_CONFIG, true, loader).getMethod("configNames").invoke(null);
        return mapper.valueToTree(names);
      }
      catch (ReflectiveOperationException | LinkageError e) {
        // Not in this extension folder; try the next one.
      }
    }
    return null;
  }

  private static String describe(JsonMappingException e)
  {
    final String message = e.getOriginalMessage();
    final Throwable cause = e.getCause();
    if (cause == null || cause.getMessage() == null || message.contains(cause.getMessage())) {
      return message;
    }
    return message + ": " + RootCause.message(cause);
  }

  @Override
  public void close() throws IOException
  {
    extensions.close();
  }

  /**
   * What the Overlord's injector supplies while a spec is parsed. Services that only a running supervisor uses
   * (task storage, task master, emitter, client factories...) are null, as in Druid's own spec tests.
   */
  private static final class OverlordParseInjectables extends InjectableValues
  {
    private final ObjectMapper mapper;
    private final SupervisorStateManagerConfig stateManagerConfig = new SupervisorStateManagerConfig();

    OverlordParseInjectables(ObjectMapper mapper)
    {
      this.mapper = mapper;
    }

    @Override
    public Object findInjectableValue(
        Object valueId,
        DeserializationContext context,
        BeanProperty forProperty,
        Object beanInstance
    )
    {
      final String id = String.valueOf(valueId);
      if (ObjectMapper.class.getName().equals(id)) {
        return mapper;
      }
      if (SupervisorStateManagerConfig.class.getName().equals(id)) {
        return stateManagerConfig;
      }
      if (ExprMacroTable.class.getName().equals(id)) {
        return ExprMacroTable.nil();
      }
      return null;
    }
  }
}
