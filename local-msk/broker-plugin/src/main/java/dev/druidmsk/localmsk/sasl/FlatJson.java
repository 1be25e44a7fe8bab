package dev.druidmsk.localmsk.sasl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes JSON objects whose values are all strings: the AWS_MSK_IAM payloads. The broker's classpath is
 * the JDK plus Kafka, so this does not borrow a JSON library.
 */
final class FlatJson
{
  private final String text;
  private int position;

  private FlatJson(final String text)
  {
    this.text = text;
  }

  /** @throws IllegalArgumentException naming the position of the first thing that is not a flat string object */
  static Map<String, String> parse(final String text)
  {
    final FlatJson parser = new FlatJson(text);
    parser.skipWhitespace();
    final Map<String, String> object = parser.object();
    parser.skipWhitespace();
    if (parser.position != text.length()) {
      throw parser.error("unexpected text after the object");
    }
    return object;
  }

  static String write(final Map<String, String> object)
  {
    final StringBuilder json = new StringBuilder("{");
    object.forEach((key, value) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, key);
      json.append(':');
      quote(json, value);
    });
    return json.append('}').toString();
  }

  private Map<String, String> object()
  {
    final Map<String, String> object = new LinkedHashMap<>();
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return object;
    }
    while (true) {
      skipWhitespace();
      final String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (object.put(key, string()) != null) {
        throw error("duplicate key '" + key + "'");
      }
      skipWhitespace();
      final char next = next();
      if (next == '}') {
        return object;
      }
      if (next != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private String string()
  {
    expect('"');
    final StringBuilder value = new StringBuilder();
    while (true) {
      final char c = next();
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      final char escaped = next();
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> value.append(unicodeEscape());
        default -> throw error("unknown escape '\\" + escaped + "'");
      }
    }
  }

  private char unicodeEscape()
  {
    if (position + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    try {
      final char c = (char) Integer.parseInt(text.substring(position, position + 4), 16);
      position += 4;
      return c;
    }
    catch (NumberFormatException e) {
      throw error("bad \\u escape");
    }
  }

  private static void quote(final StringBuilder json, final String value)
  {
    json.append('"');
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }

  private void expect(final char expected)
  {
    if (next() != expected) {
      throw error("expected '" + expected + "'");
    }
  }

  private char next()
  {
    if (position >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(position++);
  }

  private char peek()
  {
    return position < text.length() ? text.charAt(position) : 0;
  }

  private void skipWhitespace()
  {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private IllegalArgumentException error(final String problem)
  {
    return new IllegalArgumentException(problem + " at character " + position);
  }
}
