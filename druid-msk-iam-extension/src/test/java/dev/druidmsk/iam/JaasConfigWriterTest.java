package dev.druidmsk.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JaasConfigWriterTest
{
  @Test
  void quotesEveryValueAndEndsTheEntry()
  {
    assertThat(new JaasConfigWriter("a.B").option("k", "v=1,2").option("skipped", null).toString())
        .isEqualTo("a.B required k=\"v=1,2\";");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\"b", "a\\b", "a;b", "a\nb", "a\u0000b"})
  void refusesValuesThatWouldEndTheValueOrTheEntry(String value)
  {
    assertThatThrownBy(() -> new JaasConfigWriter("a.B").option("awsRoleArn", value))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("awsRoleArn")
        .hasMessageNotContaining(value);
  }
}
