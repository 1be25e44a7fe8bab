package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The types a template variable can declare, and which JSON values fit each. */
enum VariableType
{
  STRING(true),
  INTEGER(true),
  NUMBER(true),
  BOOLEAN(true),
  OBJECT(false),
  ARRAY(false);

  /** Scalars can also be interpolated into text; objects and arrays only stand as whole values. */
  final boolean scalar;

  VariableType(boolean scalar)
  {
    this.scalar = scalar;
  }

  static VariableType named(String name)
  {
    for (VariableType type : values()) {
      if (type.toString().equals(name)) {
        return type;
      }
    }
    return null;
  }

  static String allNames()
  {
    return Arrays.stream(values()).map(VariableType::toString).collect(Collectors.joining(", "));
  }

  boolean accepts(JsonNode value)
  {
    switch (this) {
      case STRING:
        return value.isTextual();
      case INTEGER:
        return value.isIntegralNumber();
      case NUMBER:
        return value.isNumber();
      case BOOLEAN:
        return value.isBoolean();
      case OBJECT:
        return value.isObject();
      default:
        return value.isArray();
    }
  }

  /** How a value is named in error messages: its JSON kind, never its content. */
  static String kindOf(JsonNode value)
  {
    if (value.isIntegralNumber()) {
      return "integer";
    }
    return value.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** The kind with its article, "an array", "a string": for messages. */
  static String aKindOf(JsonNode value)
  {
    final String kind = kindOf(value);
    return (kind.matches("[aeiou].*") ? "an " : "a ") + kind;
  }

  @Override
  public String toString()
  {
    return name().toLowerCase(Locale.ROOT);
  }
}
