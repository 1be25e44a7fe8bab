package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.druid.guice.ExtensionsConfig;
import org.apache.druid.guice.ExtensionsLoader;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.metadata.DynamicConfigProvider;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs in a separate JVM whose class path is a Druid home's {@code lib/*} (plus this class), and loads that home's
 * {@code extensions/} exactly as a Druid node does: Druid's ExtensionsLoader, one class loader per folder, then
 * {@code KafkaRecordSupplier.getKafkaConsumer} from the Kafka extension's own loader. No broker is contacted.
 *
 * <p>Prints {@code key=value} lines for the test to read: where our module was found, what the provider resolved
 * to, and whether the Kafka consumer could be built (or the root cause if not).
 *
 * <p>Arguments: the extensions directory, then the provider options as a JSON object.
 */
public final class DruidNodeProbe
{
  static final String KAFKA_EXTENSION = "druid-kafka-indexing-service";

  private DruidNodeProbe()
  {
  }

  public static void main(String[] args) throws Exception
  {
    final File extensionsDir = new File(args[0]);
    final ObjectMapper mapper = new DefaultObjectMapper();
    final Map<String, Object> extensionsProperties = new HashMap<>();
    extensionsProperties.put("directory", extensionsDir.getAbsolutePath());
    final ExtensionsLoader extensions = new ExtensionsLoader(
        mapper.convertValue(extensionsProperties, ExtensionsConfig.class),
        mapper
    );

    for (DruidModule module : extensions.getFromExtensions(DruidModule.class)) {
      mapper.registerModules(module.getJacksonModules());
      System.out.println("module=" + module.getClass().getName() + "@" + folderOf(module.getClass()));
    }

    // A node's injector supplies the node policy; this node has none (the policy class is the extension loader's).
    mapper.setInjectableValues(new InjectableValues()
    {
      @Override
      public Object findInjectableValue(
          Object id,
          com.fasterxml.jackson.databind.DeserializationContext context,
          com.fasterxml.jackson.databind.BeanProperty property,
          Object bean
      )
      {
        return null;
      }
    });
    final Object providerOptions = mapper.readValue(args[1], Map.class);
    try {
      final DynamicConfigProvider<?> provider = mapper.convertValue(providerOptions, DynamicConfigProvider.class);
      System.out.println("provider=" + provider.getClass().getName() + "@" + folderOf(provider.getClass()));
    }
    catch (IllegalArgumentException e) {
      System.out.println("provider.error=" + rootCause(e));
    }

    final Map<String, Object> consumerProperties = new HashMap<>();
    consumerProperties.put("bootstrap.servers", "127.0.0.1:9");
    consumerProperties.put("druid.dynamic.config.provider", providerOptions);
    final ClassLoader kafkaLoader = extensions.getClassLoaderForExtension(
        new File(extensionsDir, KAFKA_EXTENSION),
        false
    );
    final Class<?> recordSupplier = kafkaLoader.loadClass("org.apache.druid.indexing.kafka.KafkaRecordSupplier");
    final Method getKafkaConsumer = recordSupplier.getMethod(
        "getKafkaConsumer",
        ObjectMapper.class,
        Map.class,
        kafkaLoader.loadClass("org.apache.druid.indexing.seekablestream.extension.KafkaConfigOverrides")
    );
    try (AutoCloseable consumer = (AutoCloseable) getKafkaConsumer.invoke(null, mapper, consumerProperties, null)) {
      System.out.println("consumer=" + consumer.getClass().getName() + "@" + folderOf(consumer.getClass()));
    }
    catch (InvocationTargetException e) {
      System.out.println("consumer.error=" + rootCause(e));
    }
  }

  private static String folderOf(Class<?> type)
  {
    final ClassLoader loader = type.getClassLoader();
    if (loader instanceof URLClassLoader && ((URLClassLoader) loader).getURLs().length > 0) {
      return new File(((URLClassLoader) loader).getURLs()[0].getPath()).getParentFile().getName();
    }
    return "classpath";
  }

  private static String rootCause(Throwable e)
  {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getName() + ": " + cause.getMessage().replace('\n', ' ');
  }
}
