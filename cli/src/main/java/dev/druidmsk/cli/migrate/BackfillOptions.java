package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.CliException;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** What `plan` and `backfill` share: the two datasources and the cutoff, and how the plan is computed from them. */
final class BackfillOptions
{
  @Option(names = "--source", required = true, paramLabel = "DATASOURCE", description = "The legacy datasource (e.g. the Kinesis one): its data before X is copied.")
  private String source;

  @Option(names = "--target", required = true, paramLabel = "DATASOURCE", description = "The new datasource (e.g. the Kafka one): its data before X is replaced.")
  private String target;

  @Option(names = "--cutoff", required = true, paramLabel = "INSTANT", description = "Cutoff X, an ISO-8601 UTC instant such as 2026-11-20T00:00:00Z: before X the target gets the source's data. Moved forward to the target's next segment boundary when inside a segment.")
  private String cutoff;

  @Option(names = "--target-supervisor", paramLabel = "ID", description = "Supervisor that ingests the target, whose spec gives the schema and segment granularity (default: the target's name).")
  private String targetSupervisor;

  @Option(names = "--segment-granularity", paramLabel = "GRANULARITY", description = "Snap X to this granularity (HOUR, DAY, PT1H...) instead of the one in the target supervisor's spec.")
  private String segmentGranularity;

  @Option(names = "--max-subtasks", paramLabel = "N", defaultValue = "1", description = "maxNumConcurrentSubTasks of the reindex (default: ${DEFAULT-VALUE}: one task, no subtasks).")
  private int maxSubTasks;

  /** Reads the facts from Druid (target schema, source time range, earlier attempts) and computes the plan. */
  MigrationPlan plan(Cluster api)
  {
    if (maxSubTasks < 1) {
      throw new CliException("--max-subtasks must be 1 or more.");
    }
    final Instant x = instant();
    final String supervisor = targetSupervisor != null ? targetSupervisor : target;
    final JsonNode schema = api.supervisorDataSchema(supervisor);
    try {
      final Granularity granularity = segmentGranularity != null
                                      ? Granularity.parse(segmentGranularity)
                                      : Granularity.fromSpec(schema.path("granularitySpec").path("segmentGranularity"));
      final TimeInterval sourceData = api.dataRange(source).orElseThrow(() -> new CliException(
          "Source '" + source + "' has no rows: check --source; there is nothing to backfill."
      ));
      return MigrationPlan.of(
          source,
          target,
          supervisor,
          Cutoff.snap(x, granularity),
          sourceData,
          schema,
          maxSubTasks,
          interval -> Backfill.attempts(api, target, interval),
          Instant.now()
      );
    }
    catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  private Instant instant()
  {
    try {
      return Instant.parse(cutoff);
    }
    catch (DateTimeParseException e) {
      throw new CliException("--cutoff '" + cutoff + "' is not an ISO-8601 UTC instant: write e.g. 2026-11-20T00:00:00Z");
    }
  }
}
