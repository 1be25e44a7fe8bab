package dev.druidmsk.probe;

import org.apache.druid.jackson.DefaultObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared extension loading against the stock Druid home of this build. */
class DruidExtensionsTest
{
  private static final String EXTENSIONS =
      Path.of(System.getProperty("druid.home.layout"), "extensions").toString();

  @Test
  void eachExtensionFolderHasALoaderOfItsOwn() throws Exception
  {
    try (DruidExtensions extensions = new DruidExtensions(new DefaultObjectMapper(), EXTENSIONS)) {
      final ClassLoader kafka = extensions.folder("druid-kafka-indexing-service");

      assertThat(kafka).isNotNull();
      assertThat(extensions.all()).contains(kafka).hasSizeGreaterThan(1);
      assertThat(Class.forName("org.apache.druid.indexing.kafka.KafkaIndexTaskModule", false, kafka).getClassLoader())
          .isSameAs(kafka);
    }
  }

  @Test
  void aFolderTheHomeLacksHasNoLoader() throws Exception
  {
    try (DruidExtensions extensions = new DruidExtensions(new DefaultObjectMapper(), EXTENSIONS)) {
      assertThat(extensions.folder("druid-msk-no-such-extension")).isNull();
    }
  }

  @Test
  void providerTypesIncludeDruidsOwn() throws Exception
  {
    try (DruidExtensions extensions = new DruidExtensions(new DefaultObjectMapper(), EXTENSIONS)) {
      assertThat(extensions.providerTypes()).contains("mapString", "environment").doesNotContain("aws-msk-iam");
    }
  }
}
