package dev.druidmsk.localstack.broker;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the broker's jars are: Kafka's own runtime closure, and the jar holding the AWS_MSK_IAM server classes.
 * Neither belongs on the classpath of the JVM that starts the broker.
 */
public record BrokerLayout(Path kafkaLib, Path pluginJar)
{
  static final String KAFKA_LIB_PROPERTY = "druidmsk.kafka.lib";
  static final String PLUGIN_PROPERTY = "druidmsk.broker.plugin";

  /** The system properties {@value KAFKA_LIB_PROPERTY}/{@value PLUGIN_PROPERTY} if set, else this build's layout. */
  public static BrokerLayout fromBuild()
  {
    final Properties build = new Properties();
    try (InputStream in = BrokerLayout.class.getResourceAsStream("/dev/druidmsk/localstack/build-layout.properties")) {
      build.load(in);
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BrokerLayout(
        Path.of(System.getProperty(KAFKA_LIB_PROPERTY, build.getProperty("kafka.lib"))),
        Path.of(System.getProperty(PLUGIN_PROPERTY, build.getProperty("broker.plugin")))
    );
  }

  /** Fails with the fix when the build has not laid the jars out. */
  void check()
  {
    if (!hasKafkaJar()) {
      throw new IllegalStateException("No Kafka broker jars in " + kafkaLib
                                      + ": run `mvn -pl integration-tests -am package` first");
    }
    if (!Files.isRegularFile(pluginJar)) {
      throw new IllegalStateException("No AWS_MSK_IAM broker plugin jar at " + pluginJar
                                      + ": run `mvn -pl integration-tests -am package` first");
    }
  }

  private boolean hasKafkaJar()
  {
    if (!Files.isDirectory(kafkaLib)) {
      return false;
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(kafkaLib, "kafka_2.13-*.jar")) {
      return jars.iterator().hasNext();
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String classpath()
  {
    return kafkaLib.resolve("*") + File.pathSeparator + pluginJar;
  }
}
