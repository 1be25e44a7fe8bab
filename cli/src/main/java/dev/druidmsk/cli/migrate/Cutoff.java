package dev.druidmsk.cli.migrate;

import java.time.Instant;

/**
 * The cutoff X of a migration: before it the target's data comes from the source (reindexed), from it on from the
 * target's own stream. A reindex replaces whole segments, so X must fall on a boundary of the target's segment
 * granularity; an X inside a segment is moved forward to the next boundary.
 */
public record Cutoff(Instant requested, Instant effective, Granularity segmentGranularity)
{
  public static Cutoff snap(Instant requested, Granularity segmentGranularity)
  {
    return new Cutoff(requested, segmentGranularity.ceil(requested), segmentGranularity);
  }

  public boolean moved()
  {
    return !requested.equals(effective);
  }

  /** Why X moved, or that it did not; one paragraph for the plan and backfill output. */
  public String explanation()
  {
    if (!moved()) {
      return "Cutoff X = " + effective + " is on a " + segmentGranularity + " segment boundary of the target: kept.";
    }
    return "Cutoff X moved from " + requested + " to " + effective + ": the target's segment granularity is "
           + segmentGranularity + " and a reindex replaces whole segments, so the reindex would otherwise overwrite "
           + "the target's own stream data from " + requested + " to the end of that segment. Moving X forward (not "
           + "back) takes [" + requested + ", " + effective + ") from the source, which has all of it, instead of "
           + "trusting the target before the X you chose.";
  }
}
