package dev.druidmsk.cli.migrate;

/** One measure of one bucket in both datasources; {@code depth} 0 is the requested granularity, more is bisection. */
public record Comparison(
    int depth,
    Granularity granularity,
    TimeInterval bucket,
    String measure,
    double source,
    double target,
    boolean ok
)
{
  public double diff()
  {
    return target - source;
  }
}
