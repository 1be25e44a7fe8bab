package dev.druidmsk.probe.node;

import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.probe.DruidExtensions;
import dev.druidmsk.probe.RootCause;
import dev.druidmsk.probe.spec.SpecProbe;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.metadata.DynamicConfigProvider;
import org.apache.druid.metadata.PasswordProvider;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The doctor's probe inside a node's own JVM: started with the node's Java, {@code <home>/lib/*} on the class path
 * and the node's system properties, it loads the extensions through Druid's ExtensionsLoader as a Druid service does,
 * resolves the spec's config provider, checks that the IAM classes are visible from the Kafka extension's loader,
 * and then runs the credential and Kafka checks in a loader whose parent is that Kafka extension loader, so they use
 * exactly the kafka-clients, aws-msk-iam-auth and AWS SDK the node's consumers use.
 *
 * <p>{@code NodeProbe REQUEST RESPONSE}: both JSON files. The request carries the spec's consumer properties (which
 * may hold secrets); the response holds check results, which name no property value, and, when the request carries
 * a spec probe's request, this node's Druid's answer on the spec for the doctor's spec check (as secret as the
 * request: both are the doctor's files, readable by its user only).
 */
public final class NodeProbe
{
  private static final String KAFKA_EXTENSION = "druid-kafka-indexing-service";
  private static final String KAFKA_PROBE = "dev.druidmsk.probe.kafka.KafkaProbe";
  private static final String PROVIDER_KEY = "druid.dynamic.config.provider";
  private static final Set<String> PASSWORD_KEYS = Set.of(
      "ssl.keystore.password", "ssl.truststore.password", "ssl.key.password"
  );
  // The provider names either callback handler (credentialCache shared, the default, or per-client): both must load.
  private static final List<String> IAM_CLASSES = List.of(
      "software.amazon.msk.auth.iam.IAMLoginModule",
      "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
      "dev.druidmsk.iam.SharedCredentialsCallbackHandler"
  );

  private final ObjectMapper mapper = new DefaultObjectMapper();
  private final Checks checks = new Checks();
  private JsonNode specAnswer;
  private String specError;

  private NodeProbe()
  {
    // What a node's injector would supply to the provider (its node policy) is unknown here: none, so the probe
    // checks the provider's own rules only.
    mapper.setInjectableValues(new InjectableValues()
    {
      @Override
      public Object findInjectableValue(Object id, DeserializationContext context, BeanProperty property, Object bean)
      {
        return null;
      }
    });
  }

  public static void main(String[] args) throws Exception
  {
    final NodeProbe probe = new NodeProbe();
    final JsonNode request = probe.mapper.readTree(Paths.get(args[0]).toFile());
    probe.run(request);
    final ObjectNode response = probe.mapper.createObjectNode();
    response.set("checks", probe.checks.results());
    if (probe.specAnswer != null) {
      response.set("spec", probe.specAnswer);
    } else if (probe.specError != null) {
      response.put("specError", probe.specError);
    }
    Files.write(Paths.get(args[1]), probe.mapper.writeValueAsBytes(response));
    // Kafka and the AWS SDK may leave non-daemon threads behind; the answer is written.
    System.exit(0);
  }

  private void run(JsonNode request) throws Exception
  {
    javaVersion();
    final DruidExtensions extensions = new DruidExtensions(mapper, request.path("extensionsDirectory").asText());
    final ClassLoader kafkaLoader = extensions.folder(KAFKA_EXTENSION);
    final Map<String, String> providerConfig = provider(extensions, request.get("provider"));
    final boolean classesVisible = iamClasses(kafkaLoader);
    if (request.hasNonNull("spec")) {
      parseSpec(extensions, request.get("spec"));
    }
    final List<String> later = List.of(
        "credentials.base-identity", "credentials.assume-role", "credentials.lifetime",
        "kafka.authenticate", "kafka.describe-topic", "kafka.fetch", "kafka.consumer-group"
    );
    if (providerConfig == null || !classesVisible) {
      later.forEach(name -> checks.skip(name, "skipped: the classloading checks failed"));
      return;
    }
    final ObjectNode kafkaRequest = mapper.createObjectNode();
    kafkaRequest.set("properties", mapper.valueToTree(consumerProperties(request.path("consumerProperties"), providerConfig)));
    kafkaRequest.put("topic", request.path("topic").asText(null));
    kafkaRequest.put("timeoutMs", request.path("timeoutMs").asLong(10_000));
    kafkaRequest.put("skipKafka", request.path("skipKafka").asText(null));
    final ArrayNode kafkaChecks = (ArrayNode) mapper.readTree(callKafkaProbe(
        kafkaLoader, Paths.get(request.path("kafkaProbeRoot").asText()), mapper.writeValueAsString(kafkaRequest)
    ));
    checks.results().addAll(kafkaChecks);
  }

  /**
   * Druid's answer on the spec from this node's classes, with the extensions already loaded here, so that the doctor
   * loads Druid once. After the provider check: the spec probe sets the Overlord's parse injectables on the mapper.
   */
  private void parseSpec(DruidExtensions extensions, JsonNode specRequest)
  {
    try {
      specAnswer = new SpecProbe(mapper, extensions).answer(specRequest);
    }
    catch (RuntimeException e) {
      specError = "this node's Druid could not parse the spec: " + RootCause.message(e);
    }
  }

  private void javaVersion()
  {
    final String name = "installation.java";
    final String spec = System.getProperty("java.specification.version");
    final List<String> evidence = List.of(
        "java.home " + System.getProperty("java.home"),
        "java.version " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    );
    if (Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec) >= 17) {
      checks.pass(name, "node Java " + spec + " (17 or later)", evidence);
    } else {
      checks.fail(name, "node Java " + spec + ": aws-msk-iam-auth 2.3.9 needs Java 17", evidence,
                  "run this Druid node on Java 17 (Druid 33 supports it): set JAVA_HOME of the service to a JDK 17");
    }
  }

  /** The provider's properties as Druid would apply them, or null when the spec's provider does not resolve. */
  private Map<String, String> provider(DruidExtensions extensions, JsonNode provider)
  {
    final String name = "classloading.provider";
    final String install = "install the druid-msk bundle into extensions/" + KAFKA_EXTENSION
                           + " with druid-msk-install, on every node that builds Kafka consumers";
    if (provider == null || provider.isNull()) {
      checks.fail(name, "the spec has no consumerProperties." + PROVIDER_KEY, List.of(),
                  "add {\"type\": \"aws-msk-iam\", \"roleArn\": ...} (see `druid-msk spec values -t msk-iam-api-telemetry`)");
      return null;
    }
    final String type = provider.path("type").asText("mapString");
    final Set<String> knownTypes = extensions.providerTypes();
    if (!knownTypes.contains(type)) {
      checks.fail(name, "type " + type + " is unknown to this node's Druid: it fell back to Druid's mapString provider, "
                        + "which fails later with \"map\" is null", List.of("known types " + knownTypes),
                  "aws-msk-iam".equals(type) ? install : "use a provider type an extension of this node registers");
      return null;
    }
    final DynamicConfigProvider<?> resolved;
    try {
      resolved = mapper.convertValue(provider, DynamicConfigProvider.class);
    }
    catch (RuntimeException e) {
      checks.fail(name, "Druid rejects the provider: " + RootCause.message(e), List.of(),
                  "fix the provider's options (`druid-msk spec validate` names the field)");
      return null;
    }
    final List<String> evidence = new ArrayList<>();
    evidence.add("type " + type + " -> " + resolved.getClass().getName() + " from " + origin(resolved.getClass()));
    final Map<String, String> config = new TreeMap<>();
    try {
      for (Map.Entry<String, ?> entry : resolved.getConfig().entrySet()) {
        config.put(entry.getKey(), String.valueOf(entry.getValue()));
      }
    }
    catch (RuntimeException e) {
      checks.fail(name, "the provider's getConfig() failed: " + RootCause.message(e), evidence, install);
      return null;
    }
    // Names only, and the non-secret values: sasl.jaas.config holds the external ID.
    evidence.add("emits " + String.join(", ", config.keySet()));
    evidence.add("security.protocol=" + config.get("security.protocol") + ", sasl.mechanism=" + config.get("sasl.mechanism"));
    checks.pass(name, "the provider resolves to " + resolved.getClass().getSimpleName(), evidence);
    return config;
  }

  private boolean iamClasses(ClassLoader kafkaLoader)
  {
    final String name = "classloading.iam-classes";
    final String fix = "install the druid-msk bundle (aws-msk-iam-auth beside kafka-clients) into extensions/"
                       + KAFKA_EXTENSION + " with druid-msk-install; lib/ or a folder of its own does not work";
    if (kafkaLoader == null) {
      checks.fail(name, "the home has no extensions/" + KAFKA_EXTENSION + " folder", List.of(),
                  "use the Druid home of a node that runs Kafka ingestion");
      return false;
    }
    final List<String> evidence = new ArrayList<>();
    try {
      final Class<?> callback = Class.forName("org.apache.kafka.common.security.auth.AuthenticateCallbackHandler", false, kafkaLoader);
      for (String className : IAM_CLASSES) {
        final Class<?> type = Class.forName(className, true, kafkaLoader);
        evidence.add(type.getSimpleName() + " from " + origin(type));
        if (className.endsWith("Handler") && !callback.isAssignableFrom(type)) {
          checks.fail(name, type.getSimpleName() + " does not implement the Kafka extension's AuthenticateCallbackHandler",
                      evidence, fix);
          return false;
        }
      }
    }
    catch (ClassNotFoundException | LinkageError e) {
      evidence.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      checks.fail(name, "the Kafka extension's class loader cannot load the IAM login module and callback handlers",
                  evidence, fix);
      return false;
    }
    checks.pass(name, "IAMLoginModule and both callback handlers load from the Kafka extension's class loader",
                evidence);
    return true;
  }

  /** As KafkaRecordSupplier: every property but the provider as text, password providers resolved, provider on top. */
  private Map<String, String> consumerProperties(JsonNode consumerProperties, Map<String, String> providerConfig)
  {
    final Map<String, String> properties = new LinkedHashMap<>();
    final Iterator<Map.Entry<String, JsonNode>> fields = consumerProperties.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      if (PROVIDER_KEY.equals(field.getKey())) {
        continue;
      }
      if (PASSWORD_KEYS.contains(field.getKey())) {
        properties.put(field.getKey(), mapper.convertValue(field.getValue(), PasswordProvider.class).getPassword());
      } else {
        properties.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
      }
    }
    properties.putAll(providerConfig);
    return properties;
  }

  @SuppressWarnings("unchecked")
  private static String callKafkaProbe(ClassLoader kafkaLoader, Path probeRoot, String request) throws Exception
  {
    final Thread thread = Thread.currentThread();
    final ClassLoader previous = thread.getContextClassLoader();
    // As KafkaRecordSupplier.getKafkaConsumer: Kafka loads the login module and callback handler through it.
    thread.setContextClassLoader(kafkaLoader);
    try (URLClassLoader probeLoader = new URLClassLoader(new URL[]{probeRoot.toUri().toURL()}, kafkaLoader)) {
      final Function<String, String> probe = (Function<String, String>) Class.forName(KAFKA_PROBE, true, probeLoader)
                                                                             .getConstructor()
                                                                             .newInstance();
      return probe.apply(request);
    }
    finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static String origin(Class<?> type)
  {
    final CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      return "the JDK";
    }
    final Path jar = Paths.get(source.getLocation().getPath());
    final String folder = jar.getParent().getFileName().toString();
    return ("lib".equals(folder) ? "lib/" : "extensions/" + folder + "/") + jar.getFileName();
  }
}
