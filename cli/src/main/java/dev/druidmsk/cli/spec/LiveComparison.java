package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.input.SpecFiles;

/** A local spec compared with the live spec of the same supervisor, and the diff between them. */
final class LiveComparison
{
  final String id;
  /** The live spec as Druid returns it, null when there is no such supervisor. */
  final JsonNode live;
  final boolean exists;
  final SpecComparison comparison;
  final String diff;
  private final DruidClient overlord;

  private LiveComparison(String id, JsonNode live, SpecComparison comparison, DruidClient overlord)
  {
    this.id = id;
    this.live = live;
    this.exists = live != null;
    this.comparison = comparison;
    this.overlord = overlord;
    this.diff = comparison.diff("live " + overlord.base() + " supervisor " + id, "local");
  }

  static LiveComparison fetch(ObjectNode local, DruidClient overlord)
  {
    final String id = SpecFiles.supervisorId(local);
    final JsonNode live = overlord.spec(id).orElse(null);
    return new LiveComparison(id, live, SpecComparison.of(local, live), overlord);
  }

  boolean same()
  {
    return comparison.same();
  }

  /**
   * What submitting changes: for a new supervisor one line (its diff would be the whole spec, which `spec diff`
   * shows), else as {@link #print}.
   */
  void printChange(CliContext context, boolean dryRun)
  {
    if (exists) {
      print(context);
    } else {
      context.note((dryRun ? "Would create" : "Creating") + " supervisor '" + id + "' (none of that ID on "
                   + overlord.base() + "; `druid-msk spec diff` shows its whole spec).");
    }
  }

  /** The diff on stdout, what it means on stderr. */
  void print(CliContext context)
  {
    if (!exists) {
      context.note("No supervisor '" + id + "' on " + overlord.base() + ": submitting would create it.");
    } else if (same()) {
      context.note("No differences: supervisor '" + id + "' matches (over the keys the local spec sets).");
    }
    context.out().print(context.redactor().redact(diff));
    context.out().flush();
  }
}
