package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** The outcome of a parity check: every comparison made, and the finest intervals that differ. */
public record ParityReport(
    String source,
    String target,
    TimeInterval interval,
    Granularity granularity,
    Granularity finest,
    List<Comparison> comparisons,
    List<TimeInterval> mismatches
)
{
  public boolean match()
  {
    return mismatches.isEmpty();
  }

  /**
   * The table: every bucket at the requested granularity, and the mismatching rows of each bisection step below
   * it (indented), then the verdict.
   */
  public String table()
  {
    final String format = "%-8s %-42s %-26s %16s %16s %14s  %s%n";
    final StringBuilder table = new StringBuilder(String.format(
        Locale.ROOT, format, "level", "bucket", "measure", "source (" + source + ")", "target (" + target + ")", "diff", "result"
    ));
    for (Comparison row : comparisons) {
      if (row.depth() > 0 && row.ok()) {
        continue;
      }
      table.append(String.format(
          Locale.ROOT,
          format,
          "  ".repeat(row.depth()) + row.granularity(),
          row.bucket(),
          row.measure(),
          number(row.source()),
          number(row.target()),
          number(row.diff()),
          row.ok() ? "OK" : "MISMATCH"
      ));
    }
    if (match()) {
      table.append("MATCH: ").append(source).append(" and ").append(target).append(" agree over ").append(interval)
           .append(" at ").append(granularity).append('.').append(System.lineSeparator());
    } else {
      table.append("MISMATCH in ").append(mismatches.size()).append(" interval(s), bisected to ").append(finest)
           .append(':').append(System.lineSeparator());
      mismatches.forEach(bucket -> table.append("  ").append(bucket).append(System.lineSeparator()));
    }
    return table.toString();
  }

  public ObjectNode toJson()
  {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("match", match());
    json.put("source", source);
    json.put("target", target);
    json.put("interval", interval.toString());
    json.put("granularity", granularity.iso());
    json.put("finest", finest.iso());
    final ArrayNode rows = json.putArray("comparisons");
    for (Comparison row : comparisons) {
      rows.addObject()
          .put("level", row.granularity().iso())
          .put("depth", row.depth())
          .put("bucket", row.bucket().toString())
          .put("measure", row.measure())
          .put("source", row.source())
          .put("target", row.target())
          .put("diff", row.diff())
          .put("ok", row.ok());
    }
    final ArrayNode intervals = json.putArray("mismatches");
    mismatches.forEach(bucket -> intervals.add(bucket.toString()));
    return json;
  }

  private static String number(double value)
  {
    return value == Math.rint(value) && Math.abs(value) < 1e15
           ? String.format(Locale.ROOT, "%d", (long) value)
           : String.format(Locale.ROOT, "%.6g", value);
  }
}
