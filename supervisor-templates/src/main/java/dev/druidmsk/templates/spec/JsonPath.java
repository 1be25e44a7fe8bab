package dev.druidmsk.templates.spec;

import java.util.regex.Pattern;

/** A location in a JSON document, written {@code $.spec.ioConfig.consumerProperties["bootstrap.servers"]}. */
public final class JsonPath
{
  public static final JsonPath ROOT = new JsonPath("$");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String text;

  private JsonPath(String text)
  {
    this.text = text;
  }

  public JsonPath key(String key)
  {
    if (IDENTIFIER.matcher(key).matches()) {
      return new JsonPath(text + "." + key);
    }
    return new JsonPath(text + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
  }

  public JsonPath index(int index)
  {
    return new JsonPath(text + "[" + index + "]");
  }

  public boolean isRoot()
  {
    return this == ROOT || "$".equals(text);
  }

  @Override
  public String toString()
  {
    return text;
  }
}
