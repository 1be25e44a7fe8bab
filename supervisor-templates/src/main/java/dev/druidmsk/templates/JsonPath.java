package dev.druidmsk.templates;

import java.util.regex.Pattern;

/** A location in a JSON document, written {@code $.spec.ioConfig.consumerProperties["bootstrap.servers"]}. */
final class JsonPath
{
  static final JsonPath ROOT = new JsonPath("$");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String text;

  private JsonPath(String text)
  {
    this.text = text;
  }

  JsonPath key(String key)
  {
    if (IDENTIFIER.matcher(key).matches()) {
      return new JsonPath(text + "." + key);
    }
    return new JsonPath(text + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
  }

  JsonPath index(int index)
  {
    return new JsonPath(text + "[" + index + "]");
  }

  boolean isRoot()
  {
    return this == ROOT || "$".equals(text);
  }

  @Override
  public String toString()
  {
    return text;
  }
}
