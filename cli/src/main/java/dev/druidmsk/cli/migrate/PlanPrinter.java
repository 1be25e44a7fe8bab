package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.druid.ApiCall;

import java.io.PrintWriter;
import java.util.List;

/** Prints a plan as numbered steps with their curl-able calls: the text of `plan` and of `backfill --dry-run`. */
final class PlanPrinter
{
  private PlanPrinter()
  {
  }

  static void print(MigrationPlan plan, String overlordUrl, String brokerUrl, PrintWriter out)
  {
    out.println("Migration of '" + plan.source() + "' into '" + plan.target() + "'");
    out.println(plan.cutoff().explanation());
    out.println("Backfill interval: " + plan.backfillInterval() + " (the source's first segment to X).");
    out.println("Calls are shown without credentials: add -u USER:PASSWORD (and --cacert) when Druid needs them.");
    final List<PlanStep> steps = plan.steps(overlordUrl, brokerUrl);
    for (int i = 0; i < steps.size(); i++) {
      final PlanStep step = steps.get(i);
      out.println();
      out.println((i + 1) + ". " + step.title());
      out.println("   " + step.explanation());
      for (ApiCall call : step.calls()) {
        out.println(call.curl());
      }
    }
    out.flush();
  }
}
