package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The API-telemetry MSK-IAM spec used across tests, and variants of it. */
final class Specs
{
  static final String ID = "api-telemetry";
  static final String EXTERNAL_ID = "ext-7Qz9-k2Lm-4411";
  static final String PASSWORD = "s3cr3t-Druid-Pw";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Specs()
  {
  }

  static ObjectNode apiTelemetry()
  {
    try (InputStream in = Specs.class.getResourceAsStream("api-telemetry.json")) {
      return (ObjectNode) MAPPER.readTree(in);
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode ioConfig(ObjectNode spec)
  {
    return (ObjectNode) spec.get("spec").get("ioConfig");
  }

  static ObjectNode provider(ObjectNode spec)
  {
    return (ObjectNode) ioConfig(spec).get("consumerProperties").get("druid.dynamic.config.provider");
  }

  static ObjectNode withTaskCount(int taskCount)
  {
    final ObjectNode spec = apiTelemetry();
    ioConfig(spec).put("taskCount", taskCount);
    return spec;
  }

  static Path write(Path dir, String name, ObjectNode spec)
  {
    try {
      final Path file = dir.resolve(name);
      Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
      return file;
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
