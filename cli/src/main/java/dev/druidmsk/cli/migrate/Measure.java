package dev.druidmsk.cli.migrate;

/**
 * One number parity compares per bucket. {@code key} is what `--tolerance` names (rows, a metric, a dimension);
 * {@code label} is how the table shows it.
 */
public record Measure(String key, String label, String expression, boolean distinct)
{
  public static final String ROWS = "rows";

  /**
   * Ingested events: the sum of the count metric when the datasources are rolled up (a rolled-up row stands for
   * many events, and two datasources roll up differently), else COUNT(*).
   */
  public static Measure rows(String countMetric)
  {
    return countMetric == null
           ? new Measure(ROWS, "rows (COUNT(*))", "COUNT(*)", false)
           : new Measure(ROWS, "rows (SUM(" + countMetric + "))", "SUM(" + Sql.identifier(countMetric) + ")", false);
  }

  public static Measure sum(String metric)
  {
    return new Measure(metric, "SUM(" + metric + ")", "SUM(" + Sql.identifier(metric) + ")", false);
  }

  /** Exact: the SQL runs with useApproximateCountDistinct=false. */
  public static Measure distinct(String dimension)
  {
    return new Measure(dimension, "DISTINCT(" + dimension + ")", "COUNT(DISTINCT " + Sql.identifier(dimension) + ")", true);
  }
}
