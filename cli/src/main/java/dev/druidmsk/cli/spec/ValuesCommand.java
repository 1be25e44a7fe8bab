package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.input.TemplateInput;
import dev.druidmsk.templates.Template;
import dev.druidmsk.templates.Variable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** `druid-msk spec values`: what a template asks for. */
@Command(
    name = "values",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "List a template's variables (name, type, required, default, description), "
                  + "or the built-in templates when no --template is given."
)
final class ValuesCommand implements Runnable
{
  @Mixin
  private ContextMixin run;

  @Option(
      names = {"-t", "--template"},
      paramLabel = "NAME|FILE",
      description = "A built-in template or a template file."
  )
  private String template;

  @Mixin
  private JsonFlag json;

  @Override
  public void run()
  {
    final CliContext context = run.context();
    if (template == null) {
      printBuiltIns(context);
      return;
    }
    final Template resolved = TemplateInput.resolve(template);
    if (json.isSet()) {
      final ArrayNode variables = JsonNodeFactory.instance.arrayNode();
      for (Variable variable : resolved.variables()) {
        final ObjectNode node = variables.addObject();
        node.put("name", variable.name());
        node.put("type", variable.type());
        node.put("required", variable.required());
        node.set("default", variable.defaultValue());
        node.put("description", variable.description());
      }
      final ObjectNode result = JsonNodeFactory.instance.objectNode();
      result.put("template", resolved.name());
      result.set("variables", variables);
      JsonFlag.print(context, result);
      return;
    }
    final PrintWriter out = context.out();
    out.println("Template " + resolved.name() + ":");
    for (Variable variable : resolved.variables()) {
      out.println();
      out.println("  " + variable.name() + " (" + variable.type() + ", "
                  + (variable.required() ? "required" : "default " + variable.defaultValue()) + ")");
      if (variable.description() != null && !variable.description().isBlank()) {
        out.println("      " + variable.description());
      }
    }
    out.flush();
  }

  private void printBuiltIns(CliContext context)
  {
    if (json.isSet()) {
      final ArrayNode names = JsonNodeFactory.instance.arrayNode();
      Template.builtInNames().forEach(names::add);
      JsonFlag.print(context, names);
      return;
    }
    context.out().println("Built-in templates (show one with --template NAME):");
    Template.builtInNames().forEach(name -> context.out().println("  " + name));
    context.out().flush();
  }
}
