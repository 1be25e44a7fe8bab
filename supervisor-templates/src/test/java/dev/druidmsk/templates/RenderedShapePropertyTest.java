package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.spec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever text the string variables hold, the rendered document has the same shape (the same paths with
 * the same JSON kinds) as with harmless values, survives a write and re-read unchanged, and holds each value
 * verbatim, whole or interpolated.
 */
class RenderedShapePropertyTest
{
  private static final int CASES = 3_000;
  private static final String[] HOSTILE_PIECES = {
      "\"", "\\", "\\\"", "{", "}", "[", "]", ",", ":", "${", "${topic}", "$${", "$", "}}", "\n", "\r", "\t", "\b",
      "\f", "\u0000", "\u001f", "\u007f", "\u2028", "\u2029", "\uFEFF", "é", "漢字", "😀", "\uD800", "\uDFFF",
      "</script>", "' OR '1'='1", "null", "true", "123", "\"a\": 1", "\", \"injected\": {\"x\": [", "/*", "//"
  };

  @TempDir
  Path dir;

  @Test
  void noStringValueChangesTheShapeOfTheRenderedDocument() throws Exception
  {
    final List<Template> templates = new ArrayList<>();
    for (String name : Template.builtInNames()) {
      templates.add(Template.builtIn(name));
    }
    templates.add(TemplateFiles.template(
        dir,
        "{'a': {'type': 'string', 'description': 'd'}, 'b': {'type': 'string', 'description': 'd'}}",
        "'id': 'pre-${a}-mid-${b}-post', 'list': ['${a}', {'k.\\\\ x/y': '${b}'}], 'both': '${a}${b}'"
    ));
    final Random random = new Random(20261125L);

    for (int i = 0; i < CASES; i++) {
      final Template template = templates.get(i % templates.size());
      final Map<String, String> markers = new LinkedHashMap<>();
      final Map<String, String> hostile = new LinkedHashMap<>();
      for (Variable variable : template.variables()) {
        if ("string".equals(variable.type())) {
          markers.put(variable.name(), "marker-" + variable.name());
          hostile.put(variable.name(), hostileText(random));
        }
      }
      final ObjectNode harmless = render(template, markers);
      final ObjectNode rendered = render(template, hostile);
      final JsonNode reread = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(rendered));

      assertThat(shape(reread)).as("case %d, template %s", i, template.name()).isEqualTo(shape(harmless));
      assertThat(reread).as("case %d", i).isEqualTo(rendered);
      assertThat(textAt(reread, harmless)).as("case %d", i).isEqualTo(expectedText(harmless, markers, hostile));
    }
  }

  private static ObjectNode render(Template template, Map<String, String> strings) throws TemplateException
  {
    final List<String> sets = new ArrayList<>();
    // As JSON strings, so that a value such as 123 or true stays text.
    strings.forEach((name, value) -> sets.add(name + "=" + Json.MAPPER.valueToTree(value)));
    return TemplateRenderer.render(template, Values.load(List.of(), sets));
  }

  private static String hostileText(Random random)
  {
    final StringBuilder text = new StringBuilder();
    final int pieces = random.nextInt(8);
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(4) == 0) {
        text.append((char) random.nextInt(0x10000));
      } else {
        text.append(HOSTILE_PIECES[random.nextInt(HOSTILE_PIECES.length)]);
      }
    }
    return text.toString();
  }

  /** Every path of the document with the JSON kind found there. */
  private static List<String> shape(JsonNode root)
  {
    final List<String> shape = new ArrayList<>();
    walk(root, "", (pointer, node) -> shape.add(pointer + " " + node.getNodeType()));
    return shape;
  }

  /** The text found in {@code document} at every place where {@code harmless} holds a string. */
  private static Map<String, String> textAt(JsonNode document, JsonNode harmless)
  {
    final Map<String, String> texts = new LinkedHashMap<>();
    walk(harmless, "", (pointer, node) -> {
      if (node.isTextual()) {
        texts.put(pointer, document.at(pointer).asText());
      }
    });
    return texts;
  }

  /** The harmless document's strings with each marker replaced by the hostile value it stands for. */
  private static Map<String, String> expectedText(
      JsonNode harmless,
      Map<String, String> markers,
      Map<String, String> hostile
  )
  {
    final Map<String, String> texts = new LinkedHashMap<>();
    walk(harmless, "", (pointer, node) -> {
      if (node.isTextual()) {
        String text = node.asText();
        for (Map.Entry<String, String> marker : markers.entrySet()) {
          text = text.replace(marker.getValue(), hostile.get(marker.getKey()));
        }
        texts.put(pointer, text);
      }
    });
    return texts;
  }

  private interface Visitor
  {
    void visit(String pointer, JsonNode node);
  }

  private static void walk(JsonNode node, String pointer, Visitor visitor)
  {
    visitor.visit(pointer, node);
    if (node.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        walk(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, visitor);
      }
    }
  }
}
