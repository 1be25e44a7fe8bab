package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.Template;
import dev.druidmsk.templates.TemplateException;
import dev.druidmsk.templates.TemplateRenderer;
import dev.druidmsk.templates.Values;

import java.util.List;

/** Valid values for the built-in templates, shared by the validation tests and the benchmark. */
final class SampleSpecs
{
  static final List<String> MSK_VALUES = List.of(
      "topic=api-requests",
      "bootstrapServers=b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9098,"
      + "b-2.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9098",
      "roleArn=arn:aws:iam::123456789012:role/druid-msk-reader",
      "externalId=druid-msk-3f9a2c",
      "stsRegion=us-east-1",
      "truststoreLocation=/etc/druid/msk-truststore.jks",
      "truststorePassword={\"type\":\"environment\",\"variable\":\"MSK_TRUSTSTORE_PASSWORD\"}"
  );

  private SampleSpecs()
  {
  }

  static ObjectNode render(String template, List<String> setExpressions) throws TemplateException
  {
    return TemplateRenderer.render(Template.builtIn(template), Values.load(List.of(), setExpressions));
  }
}
