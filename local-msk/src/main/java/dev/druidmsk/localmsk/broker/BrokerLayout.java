package dev.druidmsk.localmsk.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder of the broker's jars: Kafka's own runtime closure and local-msk's broker plugin (the AWS_MSK_IAM server
 * and the IAM policy authorizer). It never joins the class path of the JVM that starts the broker.
 */
public record BrokerLayout(Path brokerLib)
{
  /** Overrides where the broker's jars are, for code run from a build tree rather than from the distribution. */
  public static final String BROKER_LIB_PROPERTY = "druidmsk.broker.lib";
  /** The distribution's folder of broker jars, beside its lib/. */
  static final String BROKER_LIB = "broker-lib";

  /** The system property {@value BROKER_LIB_PROPERTY} if set, else the distribution's {@value BROKER_LIB}/. */
  public static BrokerLayout locate()
  {
    final String property = System.getProperty(BROKER_LIB_PROPERTY);
    if (property != null) {
      return new BrokerLayout(Path.of(property));
    }
    try {
      final Path jar = Path.of(BrokerLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new BrokerLayout(jar.getParent().resolveSibling(BROKER_LIB));
    }
    catch (URISyntaxException e) {
      throw new IllegalStateException("The class path of local-msk is not a file path", e);
    }
  }

  /** Fails with the fix when the folder lacks Kafka or the plugin. */
  void check()
  {
    for (String jar : new String[]{"kafka_2.13-*.jar", "local-msk-broker-plugin-*.jar"}) {
      if (!contains(jar)) {
        throw new IllegalStateException(
            "No " + jar + " in " + brokerLib + ": run local-msk from its distribution (mvn -pl local-msk -am package"
            + " lays it out in local-msk/target/local-msk), or point -D" + BROKER_LIB_PROPERTY + " at its broker-lib/"
        );
      }
    }
  }

  private boolean contains(final String glob)
  {
    if (!Files.isDirectory(brokerLib)) {
      return false;
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(brokerLib, glob)) {
      return jars.iterator().hasNext();
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String classpath()
  {
    return brokerLib.resolve("*").toString();
  }
}
