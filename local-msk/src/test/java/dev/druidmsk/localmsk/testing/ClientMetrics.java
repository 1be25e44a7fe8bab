package dev.druidmsk.localmsk.testing;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;

/** Kafka client metrics as the tests read them. */
public final class ClientMetrics
{
  private ClientMetrics()
  {
  }

  /** A client metric summed over all its tags (one per node connection), e.g. successful-reauthentication-total. */
  public static double sum(final Map<MetricName, ? extends Metric> metrics, final String name)
  {
    return metrics.entrySet()
                  .stream()
                  .filter(entry -> entry.getKey().name().equals(name))
                  .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                  .sum();
  }
}
