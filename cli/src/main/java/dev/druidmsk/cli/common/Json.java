package dev.druidmsk.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper of the command line, and how JSON is printed (indented, as people read it). */
public final class Json
{
  public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json()
  {
  }

  public static String pretty(JsonNode node)
  {
    try {
      return MAPPER.writeValueAsString(node);
    }
    catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }
}
