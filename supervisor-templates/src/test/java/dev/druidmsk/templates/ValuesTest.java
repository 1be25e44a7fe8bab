package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.druidmsk.templates.TemplateFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest
{
  @TempDir
  Path dir;

  private JsonNode yaml(String name, String yaml) throws TemplateException
  {
    return Values.load(List.of(write(dir, "values.yaml", yaml)), List.of()).asMap().get(name);
  }

  private JsonNode set(String expression) throws TemplateException
  {
    final String name = expression.substring(0, expression.indexOf('='));
    return Values.load(List.of(), List.of(expression)).asMap().get(name);
  }

  @Test
  void yamlScalarsKeepTheirTypes() throws Exception
  {
    assertThat(yaml("n", "n: 3").isInt()).isTrue();
    assertThat(yaml("n", "n: 3000000000").isLong()).isTrue();
    assertThat(yaml("n", "n: 1.5").isNumber()).isTrue();
    assertThat(yaml("n", "n: true").isBoolean()).isTrue();
    assertThat(yaml("n", "n: api-requests").asText()).isEqualTo("api-requests");
    assertThat(yaml("n", "n: ~").isNull()).isTrue();
  }

  @Test
  void yamlFollowsTheYaml12CoreSchemaSoValuesStayWhatTheyLookLike() throws Exception
  {
    assertThat(yaml("n", "n: no").asText()).isEqualTo("no");
    assertThat(yaml("n", "n: on").asText()).isEqualTo("on");
    assertThat(yaml("n", "n: 0755").asText()).isEqualTo("0755");
    assertThat(yaml("n", "n: 2024-01-01").asText()).isEqualTo("2024-01-01");
    assertThat(yaml("n", "n: 1:30").asText()).isEqualTo("1:30");
    assertThat(yaml("n", "n: 012345678901").asText()).isEqualTo("012345678901");
  }

  @Test
  void yamlListsAndMapsBecomeJsonArraysAndObjects() throws Exception
  {
    assertThat(yaml("n", "n: [a, 2]").toString()).isEqualTo("[\"a\",2]");
    assertThat(yaml("n", "n:\n  type: environment\n  variable: PW\n").toString())
        .isEqualTo("{\"type\":\"environment\",\"variable\":\"PW\"}");
  }

  @Test
  void aJsonValuesFileIsReadAsJson() throws Exception
  {
    final Values values = Values.load(List.of(write(dir, "v.json", "{\"n\": 2, \"s\": \"no\"}")), List.of());

    assertThat(values.asMap().get("n").asInt()).isEqualTo(2);
    assertThat(values.asMap().get("s").asText()).isEqualTo("no");
  }

  @Test
  void anEmptyValuesFileHasNoValues() throws Exception
  {
    assertThat(Values.load(List.of(write(dir, "empty.yaml", "")), List.of()).asMap()).isEmpty();
  }

  @Test
  void anOverlayReplacesWholeValuesAndKeepsTheOthers() throws Exception
  {
    final Path base = write(dir, "base.yaml", "topic: t\nmetrics: [{type: count, name: count}]\ntaskCount: 1\n");
    final Path prod = write(dir, "prod.yaml", "metrics: []\ntaskCount: 4\n");

    final Values values = Values.load(List.of(base, prod), List.of());

    assertThat(values.asMap().get("topic").asText()).isEqualTo("t");
    assertThat(values.asMap().get("metrics").size()).isZero();
    assertThat(values.asMap().get("taskCount").asInt()).isEqualTo(4);
    assertThat(values.origin("taskCount")).isEqualTo(prod.toString());
    assertThat(values.origin("topic")).isEqualTo(base.toString());
  }

  @Test
  void setComesAfterEveryFile() throws Exception
  {
    final Path base = write(dir, "base.yaml", "taskCount: 1\n");

    final Values values = Values.load(List.of(base), List.of("taskCount=3"));

    assertThat(values.asMap().get("taskCount").asInt()).isEqualTo(3);
    assertThat(values.origin("taskCount")).isEqualTo("--set taskCount");
  }

  @Test
  void aSetValueIsJsonWhenItParsesAsJson() throws Exception
  {
    assertThat(set("n=2").isInt()).isTrue();
    assertThat(set("n=false").isBoolean()).isTrue();
    assertThat(set("n=null").isNull()).isTrue();
    assertThat(set("n=[\"a\",1]").isArray()).isTrue();
    assertThat(set("n={\"type\":\"environment\"}").isObject()).isTrue();
    assertThat(set("n=\"2\"").asText()).isEqualTo("2");
  }

  @Test
  void aSetValueIsTextWhenItIsNotJson() throws Exception
  {
    assertThat(set("n=api-requests").asText()).isEqualTo("api-requests");
    assertThat(set("n=b-1:9098,b-2:9098").asText()).isEqualTo("b-1:9098,b-2:9098");
    assertThat(set("n=a=b").asText()).isEqualTo("a=b");
    assertThat(set("n=").asText()).isEmpty();
    assertThat(set("n=2 3").asText()).isEqualTo("2 3");
  }

  @Test
  void aSetExpressionWithoutNameIsRejectedWithoutEchoingIt()
  {
    assertThatThrownBy(() -> Values.load(List.of(), List.of("topic=a", "s3cret")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("--set expression #2 is not name=value")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aSetExpressionWithAnInvalidNameIsRejected()
  {
    assertThatThrownBy(() -> Values.load(List.of(), List.of("a.b=1")))
        .hasMessageContaining("--set expression #1 is not name=value");
  }

  @Test
  void aDuplicateYamlKeyIsAnError()
  {
    final Path file = write(dir, "dup.yaml", "topic: a\ntopic: b\n");

    assertThatThrownBy(() -> Values.load(List.of(file), List.of()))
        .hasMessageStartingWith(file + ": not valid YAML at line 2")
        .hasMessageContaining("duplicate key topic");
  }

  @Test
  void invalidYamlNamesThePositionButNotTheContent()
  {
    final Path file = write(dir, "bad.yaml", "externalId: \"s3cret\n");

    assertThatThrownBy(() -> Values.load(List.of(file), List.of()))
        .hasMessageStartingWith(file + ": not valid YAML at line")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void invalidJsonNamesThePositionButNotTheContent()
  {
    final Path file = write(dir, "bad.json", "{\"externalId\": s3cret}");

    assertThatThrownBy(() -> Values.load(List.of(file), List.of()))
        .hasMessageStartingWith(file + ": not valid JSON at line 1, column")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aValuesFileMustBeAMap()
  {
    final Path file = write(dir, "list.yaml", "- a\n- b\n");

    assertThatThrownBy(() -> Values.load(List.of(file), List.of()))
        .hasMessageStartingWith(file + ": a values file is a map of variable name to value")
        .hasMessageContaining("this one is an array");
  }

  @Test
  void aMissingValuesFileIsNamed()
  {
    final Path file = dir.resolve("missing.yaml");

    assertThatThrownBy(() -> Values.load(List.of(file), List.of()))
        .hasMessageStartingWith(file + ": cannot read the values file");
  }
}
