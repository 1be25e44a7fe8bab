package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.druidmsk.templates.TemplateFiles.json;
import static dev.druidmsk.templates.TemplateFiles.template;
import static dev.druidmsk.templates.TemplateFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest
{
  private static final String TOPIC = "{'topic': {'type': 'string', 'description': 'the topic'}}";

  @TempDir
  Path dir;

  @Test
  void everyBuiltInTemplateLoadsUnderItsName() throws Exception
  {
    for (String name : Template.builtInNames()) {
      assertThat(Template.builtIn(name).name()).isEqualTo(name);
    }
    assertThat(Template.builtInNames()).containsExactly("msk-iam-api-telemetry", "kafka-json-topic",
                                                        "kinesis-json-stream");
  }

  @Test
  void variablesComeInDeclaredOrderWithTypesDefaultsAndDescriptions() throws Exception
  {
    final Template template = Template.builtIn("msk-iam-api-telemetry");

    assertThat(template.variables()).extracting(Variable::name)
                                    .startsWith("dataSource", "topic", "bootstrapServers", "roleArn", "externalId");
    final Variable dataSource = template.variables().get(0);
    assertThat(dataSource.type()).isEqualTo("string");
    assertThat(dataSource.required()).isFalse();
    assertThat(dataSource.defaultValue().asText()).isEqualTo("api_requests");
    assertThat(dataSource.description()).isNotBlank();
  }

  @Test
  void aVariableWithoutDefaultIsRequired() throws Exception
  {
    final Variable topic = Template.builtIn("msk-iam-api-telemetry").variables().get(1);

    assertThat(topic.required()).isTrue();
    assertThat(topic.defaultValue()).isNull();
  }

  @Test
  void aNullDefaultMakesAVariableOptional() throws Exception
  {
    final Variable externalId = Template.builtIn("msk-iam-api-telemetry").variables().get(4);

    assertThat(externalId.required()).isFalse();
    assertThat(externalId.defaultValue()).isEqualTo(NullNode.getInstance());
  }

  @Test
  void aFileTemplateIsNamedAfterItsFileUnlessItSaysOtherwise() throws Exception
  {
    assertThat(template(dir, TOPIC, "'topic': '${topic}'").name()).isEqualTo("t");
    final Path named = json(dir, "x.json", "{'template': {'name': 'mine', 'variables': " + TOPIC
                                           + "}, 'topic': '${topic}'}");
    assertThat(Template.load(named).name()).isEqualTo("mine");
  }

  @Test
  void anUnknownBuiltInNameListsTheBuiltInOnes()
  {
    assertThatThrownBy(() -> Template.builtIn("kafka"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("no built-in template 'kafka'")
        .hasMessageContaining("msk-iam-api-telemetry, kafka-json-topic, kinesis-json-stream");
  }

  @Test
  void aMissingFileIsNamed()
  {
    assertThatThrownBy(() -> Template.load(dir.resolve("nope.json")))
        .hasMessageStartingWith(dir.resolve("nope.json") + ": cannot read the template");
  }

  @Test
  void invalidJsonIsReportedWithLineAndColumn()
  {
    final Path file = write(dir, "bad.json", "{\n  \"template\": {,\n}");

    assertThatThrownBy(() -> Template.load(file)).hasMessageStartingWith(file + ": not valid JSON at line 2, column");
  }

  @Test
  void aDuplicateKeyIsAnError()
  {
    assertThatThrownBy(() -> template(dir, TOPIC, "'topic': '${topic}', 'topic': 'x'"))
        .hasMessageContaining("Duplicate field 'topic'");
  }

  @Test
  void aDocumentWithoutTemplateSectionIsExplained()
  {
    final Path file = json(dir, "spec.json", "{'type': 'kafka'}");

    assertThatThrownBy(() -> Template.load(file))
        .hasMessageStartingWith(file + ": $: a template is a supervisor spec")
        .hasMessageContaining("\"template\"");
  }

  @Test
  void anUnknownKeyInTheTemplateSectionIsNamedWithASuggestion()
  {
    final Path file = json(dir, "t.json", "{'template': {'varables': {}}}");

    assertThatThrownBy(() -> Template.load(file))
        .hasMessageContaining("$.template.varables: unknown key. Did you mean 'variables'?");
  }

  @Test
  void anUnknownVariableTypeListsTheTypes()
  {
    assertThatThrownBy(() -> template(dir, "{'n': {'type': 'int', 'description': 'd'}}", "'n': '${n}'"))
        .hasMessageContaining("$.template.variables.n.type: must be one of string, integer, number, boolean, "
                              + "object, array");
  }

  @Test
  void aVariableNeedsADescription()
  {
    assertThatThrownBy(() -> template(dir, "{'n': {'type': 'integer'}}", "'n': '${n}'"))
        .hasMessageContaining("$.template.variables.n.description: every variable needs a description");
  }

  @Test
  void aDefaultMustHaveTheDeclaredType()
  {
    assertThatThrownBy(() -> template(dir, "{'n': {'type': 'integer', 'default': '2', 'description': 'd'}}",
                                      "'n': '${n}'"))
        .hasMessageContaining("$.template.variables.n.default: the default of variable 'n' must be of type "
                              + "integer, not string");
  }

  @Test
  void aPlaceholderOfAnUndeclaredVariableIsAnError()
  {
    assertThatThrownBy(() -> template(dir, TOPIC, "'topic': '${topic}', 'spec': {'id': '${tpoic}'}"))
        .hasMessageContaining("t.json: $.spec.id: placeholder ${tpoic} names no declared variable");
  }

  @Test
  void aMalformedPlaceholderIsAnError()
  {
    assertThatThrownBy(() -> template(dir, TOPIC, "'topic': '${topic}', 'x': ['a-${1x}']"))
        .hasMessageContaining("$.x[0]: malformed placeholder at character 3");
  }

  @Test
  void anUnclosedPlaceholderIsAnError()
  {
    assertThatThrownBy(() -> template(dir, TOPIC, "'topic': '${topic'"))
        .hasMessageContaining("$.topic: malformed placeholder at character 1");
  }

  @Test
  void aPlaceholderInAKeyIsAnError()
  {
    assertThatThrownBy(() -> template(dir, TOPIC, "'p': {'${topic}': 1}"))
        .hasMessageContaining("$.p[\"${topic}\"]: placeholders are not allowed in keys");
  }

  @Test
  void anObjectVariableCannotBePartOfAText()
  {
    assertThatThrownBy(() -> template(dir, "{'o': {'type': 'object', 'description': 'd'}}", "'x': 'a ${o}'"))
        .hasMessageContaining("$.x: variable 'o' is an object and can only be a whole value");
  }

  @Test
  void anOptionalVariableCannotBePartOfAText()
  {
    assertThatThrownBy(() -> template(dir, "{'o': {'type': 'string', 'default': null, 'description': 'd'}}",
                                      "'x': 'a ${o}'"))
        .hasMessageContaining("$.x: variable 'o' is optional (default null)");
  }

  @Test
  void aDeclaredButUnusedVariableIsAnError()
  {
    assertThatThrownBy(() -> template(dir, TOPIC, "'type': 'kafka'"))
        .hasMessageContaining("$.template.variables.topic: variable 'topic' is declared but no placeholder uses it");
  }
}
