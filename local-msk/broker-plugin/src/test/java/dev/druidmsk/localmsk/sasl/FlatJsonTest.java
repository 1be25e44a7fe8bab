package dev.druidmsk.localmsk.sasl;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlatJsonTest
{
  @Test
  void parsesStringsWithEscapesAndWhitespace()
  {
    assertThat(FlatJson.parse(" { \"a\" : \"x\\\"y\\\\z\\/\\u00e9\\n\" , \"b\":\"\" } "))
        .containsExactly(Map.entry("a", "x\"y\\z/é\n"), Map.entry("b", ""));
  }

  @Test
  void writesWhatItParses()
  {
    final Map<String, String> object = new LinkedHashMap<>();
    object.put("version", "2020_10_22");
    object.put("odd", "quote\" backslash\\ newline\n");

    assertThat(FlatJson.parse(FlatJson.write(object))).isEqualTo(object);
  }

  @Test
  void rejectsNonStringValues()
  {
    assertThatThrownBy(() -> FlatJson.parse("{\"a\":1}")).hasMessageContaining("expected '\"'");
  }

  @Test
  void rejectsDuplicateKeys()
  {
    assertThatThrownBy(() -> FlatJson.parse("{\"a\":\"1\",\"a\":\"2\"}")).hasMessageContaining("duplicate key 'a'");
  }

  @Test
  void rejectsTrailingText()
  {
    assertThatThrownBy(() -> FlatJson.parse("{} x")).hasMessageContaining("unexpected text after the object");
  }
}
