package dev.druidmsk.cli.druid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** One HTTP call of a migration step, printable as a curl command an operator can run by hand. */
public record ApiCall(String method, String url, JsonNode body)
{
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String curl()
  {
    final StringBuilder curl = new StringBuilder("curl -sS -X ").append(method).append(" '").append(url).append("'");
    if (body == null) {
      return curl.toString();
    }
    try {
      return curl.append(" -H 'Content-Type: application/json' --data-binary @- <<'JSON'\n")
                 .append(PRETTY.writeValueAsString(body))
                 .append("\nJSON")
                 .toString();
    }
    catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }
}
