package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.spec.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.druidmsk.templates.TemplateFiles.template;
import static dev.druidmsk.templates.TemplateFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRendererTest
{
  private static final String VARIABLES = "{"
      + "'topic': {'type': 'string', 'description': 'd'},"
      + "'count': {'type': 'integer', 'default': 1, 'description': 'd'},"
      + "'ratio': {'type': 'number', 'default': 0.5, 'description': 'd'},"
      + "'earliest': {'type': 'boolean', 'default': false, 'description': 'd'},"
      + "'password': {'type': 'object', 'default': null, 'description': 'd'},"
      + "'metrics': {'type': 'array', 'default': [], 'description': 'd'}"
      + "}";
  private static final String SPEC = "'spec': {"
      + "'topic': '${topic}', 'id': 'kafka-${topic}-x${count}', 'literal': 'cost: $${price} $5',"
      + "'count': '${count}', 'ratio': '${ratio}', 'earliest': '${earliest}', 'password': '${password}',"
      + "'metrics': '${metrics}', 'list': ['${password}', 'kept', '${count}'], 'fixed': 7}";

  @TempDir
  Path dir;

  private Template template;

  @BeforeEach
  void loadTemplate() throws Exception
  {
    template = template(dir, VARIABLES, SPEC);
  }

  private ObjectNode render(String... setExpressions) throws TemplateException
  {
    return TemplateRenderer.render(template, Values.load(List.of(), List.of(setExpressions)));
  }

  private ObjectNode renderYaml(String yaml) throws TemplateException
  {
    return TemplateRenderer.render(template, Values.load(List.of(write(dir, "v.yaml", yaml)), List.of()));
  }

  @Test
  void aWholePlaceholderTakesTheValuesType() throws Exception
  {
    final JsonNode spec = render("topic=t", "count=3", "ratio=2.5", "earliest=true",
                                 "password={\"type\":\"environment\",\"variable\":\"PW\"}",
                                 "metrics=[{\"type\":\"count\",\"name\":\"n\"}]").get("spec");

    assertThat(spec.get("count").isInt()).isTrue();
    assertThat(spec.get("ratio").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(spec.get("earliest").booleanValue()).isTrue();
    assertThat(spec.get("password").get("variable").asText()).isEqualTo("PW");
    assertThat(spec.get("metrics").get(0).get("name").asText()).isEqualTo("n");
  }

  @Test
  void defaultsFillUnsetVariables() throws Exception
  {
    final JsonNode spec = render("topic=t").get("spec");

    assertThat(spec.get("count").intValue()).isEqualTo(1);
    assertThat(spec.get("earliest").booleanValue()).isFalse();
    assertThat(spec.get("metrics").isArray()).isTrue();
  }

  @Test
  void aPlaceholderInsideTextInterpolatesTheValuesText() throws Exception
  {
    assertThat(render("topic=api", "count=12").get("spec").get("id").asText()).isEqualTo("kafka-api-x12");
  }

  @Test
  void doubleDollarWritesALiteralPlaceholderAndALoneDollarStays() throws Exception
  {
    assertThat(render("topic=t").get("spec").get("literal").asText()).isEqualTo("cost: ${price} $5");
  }

  @Test
  void anUnsetOptionalVariableLeavesItsMemberAndElementOut() throws Exception
  {
    final JsonNode spec = render("topic=t").get("spec");

    assertThat(spec.has("password")).isFalse();
    assertThat(spec.get("list").toString()).isEqualTo("[\"kept\",1]");
  }

  @Test
  void nullUnsetsAValueSoTheDefaultApplies() throws Exception
  {
    assertThat(renderYaml("topic: t\ncount: null\n").get("spec").get("count").intValue()).isEqualTo(1);
  }

  @Test
  void theTemplateSectionIsNotRendered() throws Exception
  {
    final ObjectNode rendered = render("topic=t");

    assertThat(rendered.has("template")).isFalse();
    assertThat(rendered.get("spec").get("fixed").intValue()).isEqualTo(7);
  }

  @Test
  void renderingLeavesTheTemplateUnchanged() throws Exception
  {
    final String before = template.spec().toString();

    render("topic=t", "metrics=[1]").withArray("/spec/metrics").add(2);

    assertThat(template.spec().toString()).isEqualTo(before);
  }

  @Test
  void jsonSpecialCharactersInAValueAreEscapedByTheWriter() throws Exception
  {
    final String hostile = "a\", \"injected\": true, \"b\": \"\\\n}";

    final ObjectNode rendered = render("topic=" + hostile);
    final JsonNode reparsed = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(rendered));

    assertThat(reparsed.get("spec").get("topic").asText()).isEqualTo(hostile);
    assertThat(reparsed.get("spec").has("injected")).isFalse();
    assertThat(reparsed).isEqualTo(rendered);
  }

  @Test
  void aValueThatLooksLikeAPlaceholderIsNotExpandedAgain() throws Exception
  {
    assertThat(render("topic=${count}").get("spec").get("id").asText()).isEqualTo("kafka-${count}-x1");
  }

  @Test
  void aSetNumberForAStringVariableKeepsItsText() throws Exception
  {
    assertThat(render("topic=007").get("spec").get("topic").asText()).isEqualTo("007");
    assertThat(render("topic=1e3").get("spec").get("topic").asText()).isEqualTo("1e3");
    assertThat(render("topic=true").get("spec").get("topic").asText()).isEqualTo("true");
  }

  @Test
  void aRequiredVariableWithoutValueNamesTheTemplateThePathAndTheVariable()
  {
    assertThatThrownBy(this::render)
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(dir.resolve("t.json") + ": $.spec.topic: variable 'topic' has no value and no "
                                + "default")
        .hasMessageContaining("--set topic=");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheValuesFileThePathAndTheVariable()
  {
    final Path values = dir.resolve("v.yaml");

    assertThatThrownBy(() -> renderYaml("topic: t\ncount: '3'\n"))
        .hasMessageStartingWith(values + ": variable 'count' must be of type integer, but its value is a string")
        .hasMessageContaining("used at $.spec.id")
        .hasMessageContaining("write it without quotes");
  }

  @Test
  void aYamlNumberForAStringVariableMustBeQuoted()
  {
    assertThatThrownBy(() -> renderYaml("topic: 42\n"))
        .hasMessageContaining("variable 'topic' must be of type string, but its value is an integer")
        .hasMessageContaining("quote it");
  }

  @Test
  void aDecimalIsNotAnInteger()
  {
    assertThatThrownBy(() -> render("topic=t", "count=1.5"))
        .hasMessageStartingWith("--set count: variable 'count' must be of type integer, but its value is a number");
  }

  @Test
  void anArrayIsNotAnObject()
  {
    assertThatThrownBy(() -> render("topic=t", "password=[]"))
        .hasMessageContaining("variable 'password' must be of type object, but its value is an array");
  }

  @Test
  void aTypeErrorNeverShowsTheValue()
  {
    assertThatThrownBy(() -> render("topic=t", "password=\"hunter2\""))
        .hasMessageContaining("variable 'password' must be of type object")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anUnknownValueNamesItsFileAndSuggestsTheVariable()
  {
    final Path values = dir.resolve("v.yaml");

    assertThatThrownBy(() -> renderYaml("topic: t\ncuont: 2\n"))
        .hasMessageStartingWith(values + ": value 'cuont' is not a variable of template t")
        .hasMessageContaining("Did you mean 'count'?")
        .hasMessageContaining("Its variables: topic, count, ratio, earliest, password, metrics");
  }

  @Test
  void anUnknownSetValueIsAnError()
  {
    assertThatThrownBy(() -> render("topic=t", "replicas=2"))
        .hasMessageStartingWith("--set replicas: value 'replicas' is not a variable of template t");
  }

  @Test
  void builtInTemplatesRenderWithTheirDefaults() throws Exception
  {
    final ObjectNode spec = TemplateRenderer.render(
        Template.builtIn("kafka-json-topic"),
        Values.load(List.of(), List.of("dataSource=events", "topic=events", "bootstrapServers=localhost:9092"))
    );

    assertThat(spec.at("/spec/ioConfig/consumerProperties").toString())
        .isEqualTo("{\"bootstrap.servers\":\"localhost:9092\",\"security.protocol\":\"PLAINTEXT\"}");
    assertThat(spec.at("/spec/dataSchema/granularitySpec/rollup").booleanValue()).isFalse();
  }
}
