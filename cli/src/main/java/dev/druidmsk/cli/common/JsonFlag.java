package dev.druidmsk.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/** `--json`: the result as one JSON document on stdout, for scripts; notes still go to stderr. */
public final class JsonFlag
{
  @Option(names = "--json", description = "Print the result as JSON on stdout (for scripts).")
  private boolean json;

  public boolean isSet()
  {
    return json;
  }

  public static void print(CliContext context, JsonNode result)
  {
    context.out().println(context.redactor().redact(Json.pretty(result)));
    context.out().flush();
  }
}
