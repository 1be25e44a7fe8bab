package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.spec.Json;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.io.UncheckedIOException;

/** Supervisor specs for check tests, written in single-quoted JSON. */
final class Specs
{
  private Specs()
  {
  }

  static ObjectNode json(String singleQuoted)
  {
    try {
      return (ObjectNode) Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }
    catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kafka spec whose ioConfig and dataSchema are the given single-quoted JSON objects. */
  static SupervisorSpec kafka(String ioConfig, String dataSchema)
  {
    return view(json("{'type': 'kafka', 'spec': {'ioConfig': " + ioConfig + ", 'dataSchema': " + dataSchema + "}}"));
  }

  static SupervisorSpec view(JsonNode spec)
  {
    return SupervisorSpec.of(spec);
  }
}
