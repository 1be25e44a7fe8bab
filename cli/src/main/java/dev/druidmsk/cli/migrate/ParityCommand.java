package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.ExitCode;
import dev.druidmsk.cli.common.JsonFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `druid-msk migrate parity`: the gate before the flag flip. */
@Command(
    name = "parity",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Compare two datasources over --interval, bucket by --granularity, with Druid SQL: events (the sum of "
        + "--count-metric for rolled-up datasources, else COUNT(*)), the sum of each --metric and the exact distinct "
        + "count of each --distinct dimension, within --tolerance. Every mismatching bucket is queried again at the "
        + "next finer granularity down to --finest, so the table names the smallest intervals that differ. Reads only.",
        "",
        "Exit code: 0 match, 1 mismatch, 2 bad input or Druid error."
    },
    footer = {
        "",
        "Example:",
        "  druid-msk migrate parity --source api_requests_kinesis --target api_requests \\",
        "      --interval 2026-11-01T00:00:00Z/2026-11-20T00:00:00Z --granularity P1D --finest PT1H \\",
        "      --count-metric requests --metric bytes_sum --metric latency_ms_sum --distinct service \\",
        "      --distinct consumer --tolerance latency_ms_sum=0.0001"
    }
)
final class ParityCommand implements Callable<Integer>
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private DruidOptions druid;

  @Option(names = "--source", required = true, paramLabel = "DATASOURCE", description = "The reference datasource.")
  private String source;

  @Option(names = "--target", required = true, paramLabel = "DATASOURCE", description = "The datasource to check against it.")
  private String target;

  @Option(names = "--interval", required = true, paramLabel = "START/END", description = "ISO-8601 UTC interval, end exclusive, e.g. 2026-11-01T00:00:00Z/2026-11-20T00:00:00Z.")
  private String interval;

  @Option(names = "--granularity", paramLabel = "PERIOD", defaultValue = "P1D", description = "Bucket size of the table (default: ${DEFAULT-VALUE}).")
  private String granularity;

  @Option(names = "--finest", paramLabel = "PERIOD", defaultValue = "PT1H", description = "Bisect mismatching buckets down to this size (default: ${DEFAULT-VALUE}).")
  private String finest;

  @Option(names = "--count-metric", paramLabel = "METRIC", description = "The count metric of rolled-up datasources: events are SUM(METRIC). Without it, COUNT(*) (right only without rollup).")
  private String countMetric;

  @Option(names = "--metric", paramLabel = "METRIC", description = "A metric whose sum to compare (repeatable).")
  private List<String> metrics = new ArrayList<>();

  @Option(names = "--distinct", paramLabel = "DIMENSION", description = "A dimension whose exact distinct count to compare (repeatable).")
  private List<String> dimensions = new ArrayList<>();

  @Option(names = "--tolerance", paramLabel = "NAME=RELATIVE", description = "Relative tolerance for rows, a --metric or a --distinct dimension, e.g. latency_ms_sum=0.001 (repeatable; default exact).")
  private Map<String, Double> tolerances = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Print the SQL of the first comparison; run nothing.")
  private boolean dryRun;

  @Mixin
  private JsonFlag json;

  @Override
  public Integer call()
  {
    final CliContext context = run.context();
    final List<Measure> measures = measures();
    final TimeInterval range;
    final Granularity top;
    final Granularity bottom;
    try {
      range = TimeInterval.parse(interval);
      top = Granularity.parse(granularity);
      bottom = Granularity.parse(finest);
    }
    catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    if (dryRun) {
      for (String dataSource : List.of(source, target)) {
        context.out().println(SqlBucketSource.query(dataSource, range, top, measures));
      }
      context.out().println("Dry run: no query was run (exact distinct counts run as one query each).");
      return ExitCode.OK;
    }
    final ParityReport report;
    try {
      report = new ParityCheck(new SqlBucketSource(druid.broker(context)), source, target, measures, tolerances).run(range, top, bottom);
    }
    catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    if (json.isSet()) {
      JsonFlag.print(context, report.toJson());
    } else {
      context.out().print(report.table());
      context.out().flush();
    }
    return report.match() ? ExitCode.OK : ExitCode.NEGATIVE;
  }

  private List<Measure> measures()
  {
    final List<Measure> measures = new ArrayList<>();
    measures.add(Measure.rows(countMetric));
    metrics.forEach(metric -> measures.add(Measure.sum(metric)));
    dimensions.forEach(dimension -> measures.add(Measure.distinct(dimension)));
    for (Map.Entry<String, Double> tolerance : tolerances.entrySet()) {
      if (measures.stream().noneMatch(measure -> measure.key().equals(tolerance.getKey()))) {
        throw new CliException(
            "--tolerance " + tolerance.getKey() + ": no such measure; name rows, a --metric or a --distinct dimension."
        );
      }
      if (tolerance.getValue() < 0 || tolerance.getValue().isNaN()) {
        throw new CliException("--tolerance " + tolerance.getKey() + " must be 0 or more, e.g. 0.001 for 0.1%.");
      }
    }
    return measures;
  }
}
