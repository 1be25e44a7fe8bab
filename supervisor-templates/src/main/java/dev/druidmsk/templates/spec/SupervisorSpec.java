package dev.druidmsk.templates.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.druidmsk.iam.MskIamOptions;

import java.util.Optional;

/**
 * A supervisor spec read the way Druid 33 reads it: {@code dataSchema}, {@code ioConfig} and {@code tuningConfig}
 * inside {@code spec}, or at the top level in Druid's older flat layout (Druid's API echoes flat copies beside
 * {@code spec}; {@code spec} wins, as in Druid); the Kafka consumer properties and their config provider.
 *
 * <p>A view over the JSON it is given, never a copy, and it never fails: a missing part reads as a missing node and
 * a missing or non-text value as empty, so each caller decides which absence is an error and says so in its words.
 */
public final class SupervisorSpec
{
  public static final String SPEC = "spec";
  public static final String DATA_SCHEMA = "dataSchema";
  public static final String IO_CONFIG = "ioConfig";
  public static final String TUNING_CONFIG = "tuningConfig";
  public static final String CONSUMER_PROPERTIES = "consumerProperties";
  /** The consumer property Druid reads a {@code DynamicConfigProvider} from instead of passing it to Kafka. */
  public static final String PROVIDER = "druid.dynamic.config.provider";
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String SECURITY_PROTOCOL = "security.protocol";
  public static final String GROUP_ID = "group.id";
  /** Kafka's own default for {@code security.protocol}. */
  public static final String KAFKA_DEFAULT_SECURITY_PROTOCOL = "PLAINTEXT";

  private final JsonNode root;
  private final boolean nested;

  private SupervisorSpec(JsonNode root)
  {
    this.root = root;
    this.nested = root.path(SPEC).isObject();
  }

  /** The spec as given, or as the Overlord returns it; null reads as an empty spec. */
  public static SupervisorSpec of(JsonNode root)
  {
    return new SupervisorSpec(root == null ? MissingNode.getInstance() : root);
  }

  public JsonNode root()
  {
    return root;
  }

  /** The supervisor type ({@code kafka}, {@code kinesis}...), or "" when the spec has none. */
  public String type()
  {
    return root.path("type").asText("");
  }

  /** True for {@code {"type": ..., "spec": {...}}}, false for Druid's older flat layout. */
  public boolean isNested()
  {
    return nested;
  }

  /** {@link #DATA_SCHEMA}, {@link #IO_CONFIG} or {@link #TUNING_CONFIG}. */
  public JsonNode section(String name)
  {
    return nested ? root.path(SPEC).path(name) : root.path(name);
  }

  public JsonPath sectionPath(String name)
  {
    return nested ? JsonPath.ROOT.key(SPEC).key(name) : JsonPath.ROOT.key(name);
  }

  public JsonNode dataSchema()
  {
    return section(DATA_SCHEMA);
  }

  public JsonNode ioConfig()
  {
    return section(IO_CONFIG);
  }

  public JsonNode tuningConfig()
  {
    return section(TUNING_CONFIG);
  }

  public Optional<String> dataSource()
  {
    return text(dataSchema().path("dataSource"));
  }

  /** The ID Druid 33 gives the supervisor: an explicit top-level {@code id}, else its datasource. */
  public Optional<String> supervisorId()
  {
    final Optional<String> id = text(root.path("id"));
    return id.isPresent() ? id : dataSource();
  }

  /** A Kafka supervisor's {@code ioConfig.topic}. */
  public Optional<String> topic()
  {
    return text(ioConfig().path("topic"));
  }

  /** A Kafka supervisor's {@code ioConfig.topicPattern}, a Java regular expression. */
  public Optional<String> topicPattern()
  {
    return text(ioConfig().path("topicPattern"));
  }

  /** A Kinesis supervisor's {@code ioConfig.stream}. */
  public Optional<String> stream()
  {
    return text(ioConfig().path("stream"));
  }

  public JsonNode consumerProperties()
  {
    return ioConfig().path(CONSUMER_PROPERTIES);
  }

  public JsonPath consumerPropertiesPath()
  {
    return sectionPath(IO_CONFIG).key(CONSUMER_PROPERTIES);
  }

  /** A consumer property written as text; a password provider object, say, is empty here. */
  public Optional<String> consumerProperty(String name)
  {
    return text(consumerProperties().path(name));
  }

  /** Druid requires it literally in consumerProperties: a provider cannot supply it. */
  public Optional<String> bootstrapServers()
  {
    return consumerProperty(BOOTSTRAP_SERVERS);
  }

  /** The {@code druid.dynamic.config.provider} object, or a missing node. */
  public JsonNode provider()
  {
    return consumerProperties().path(PROVIDER);
  }

  public JsonPath providerPath()
  {
    return consumerPropertiesPath().key(PROVIDER);
  }

  /** The provider when its type is druid-msk's {@code aws-msk-iam}. */
  public Optional<MskIamProvider> mskIamProvider()
  {
    return MskIamOptions.TYPE.equals(provider().path("type").asText())
           ? Optional.of(new MskIamProvider(provider()))
           : Optional.empty();
  }

  /**
   * The security protocol the consumers use: an aws-msk-iam provider's (with its default), since Druid applies the
   * provider's properties over the static ones; otherwise {@code security.protocol}, else Kafka's default.
   */
  public String securityProtocol()
  {
    return mskIamProvider()
        .map(MskIamProvider::securityProtocol)
        .orElseGet(() -> consumerProperty(SECURITY_PROTOCOL).orElse(KAFKA_DEFAULT_SECURITY_PROTOCOL));
  }

  static Optional<String> text(JsonNode node)
  {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
