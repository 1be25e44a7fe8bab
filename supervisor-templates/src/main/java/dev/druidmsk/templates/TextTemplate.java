package dev.druidmsk.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JSON string of a template, split into literal text and {@code ${name}} placeholders. {@code $${} writes a
 * literal {@code ${}; any other {@code $} is literal text.
 */
final class TextTemplate
{
  static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private final List<Segment> segments;

  private TextTemplate(List<Segment> segments)
  {
    this.segments = List.copyOf(segments);
  }

  /** @throws IllegalArgumentException describing the malformed placeholder */
  static TextTemplate parse(String text)
  {
    final List<Segment> segments = new ArrayList<>();
    final StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        final int end = text.indexOf('}', i + 2);
        final String name = end < 0 ? null : text.substring(i + 2, end);
        if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "malformed placeholder at character " + (i + 1) + ": write ${name} with a name of letters, digits "
              + "and _ starting with a letter, or $${ for a literal ${"
          );
        }
        if (literal.length() > 0) {
          segments.add(Segment.text(literal.toString()));
          literal.setLength(0);
        }
        segments.add(Segment.variable(name));
        i = end + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    if (literal.length() > 0 || segments.isEmpty()) {
      segments.add(Segment.text(literal.toString()));
    }
    return new TextTemplate(segments);
  }

  List<Segment> segments()
  {
    return segments;
  }

  /** The variable when the whole string is one placeholder (then the value keeps its JSON type), else null. */
  String wholeValueVariable()
  {
    return segments.size() == 1 ? segments.get(0).variable() : null;
  }

  /** One piece of a string: literal text, or the name of a variable (exactly one of the two is set). */
  record Segment(String literal, String variable)
  {
    static Segment text(String literal)
    {
      return new Segment(literal, null);
    }

    static Segment variable(String name)
    {
      return new Segment(null, name);
    }
  }
}
