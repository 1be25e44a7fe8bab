package dev.druidmsk.cli.migrate;

import java.util.Map;

/**
 * The fields of Druid 33's Kinesis supervisor (KinesisSupervisorIOConfig, KinesisSupervisorTuningConfig and the
 * KinesisIndexTaskTuningConfig it extends, deprecated ones included because old specs still carry them) that a Kafka
 * supervisor has no counterpart for, each with the reason it is dropped. The fields a Kafka supervisor shares are
 * not listed: they are kept, and Druid's own classes judge them when the converted spec is validated.
 */
final class KinesisOnlyFields
{
  static final Map<String, String> IO_CONFIG = Map.of(
      "endpoint", "the Kinesis endpoint; a Kafka supervisor reaches its brokers through "
                  + "consumerProperties[\"bootstrap.servers\"] (--bootstrap-servers)",
      "region", "the Kinesis region; a Kafka supervisor reaches its brokers through "
                + "consumerProperties[\"bootstrap.servers\"] (--bootstrap-servers)",
      "recordsPerFetch", "records per Kinesis GetRecords call (deprecated since Druid 29); a Kafka consumer sizes its "
                         + "fetches by bytes (consumerProperties max.partition.fetch.bytes, default 1 MiB)",
      "fetchDelayMillis", "pause between Kinesis GetRecords calls, which Kinesis rate-limits per shard; Kafka fetches "
                          + "are long polls with no such limit (ioConfig.pollTimeout, default 100 ms)",
      "deaggregate", "unpacks records aggregated by the Kinesis Producer Library (deprecated: Druid 33 always "
                     + "deaggregates); Kafka records are never KPL-aggregated, each record is one event"
  );

  static final Map<String, String> TUNING_CONFIG = Map.ofEntries(
      Map.entry("recordBufferSize", "records buffered between the Kinesis fetch threads and the reader (deprecated); "
                                    + "a Kafka task reads with one consumer and no such buffer"),
      Map.entry("recordBufferSizeBytes", "bytes buffered between the Kinesis fetch threads and the reader; a Kafka "
                                         + "task reads with one consumer and no such buffer"),
      Map.entry("recordBufferOfferTimeout", "how long a Kinesis fetch thread waits for buffer space; no buffer in a "
                                            + "Kafka task"),
      Map.entry("recordBufferFullWait", "how long a Kinesis fetch thread waits for a full buffer to drain; no buffer "
                                        + "in a Kafka task"),
      Map.entry("fetchThreads", "the Kinesis fetch thread pool (one thread per shard at most); a Kafka task reads "
                                + "all its partitions with one consumer"),
      Map.entry("maxRecordsPerPoll", "records taken from the Kinesis buffer per poll (deprecated); a Kafka consumer "
                                     + "bounds a poll with consumerProperties max.poll.records"),
      Map.entry("maxBytesPerPoll", "bytes taken from the Kinesis buffer per poll; a Kafka consumer bounds a fetch "
                                   + "with consumerProperties fetch.max.bytes"),
      Map.entry("repartitionTransitionDuration", "how long tasks keep reading after a Kinesis shard split or merge; "
                                                 + "Kafka partitions are only ever added, and the supervisor picks "
                                                 + "new ones up on its next run"),
      Map.entry("useListShards", "Kinesis ListShards instead of DescribeStream (an IAM permission choice); Kafka "
                                 + "lists partitions with its own metadata request"),
      Map.entry("skipIgnorableShards", "skips closed, fully read Kinesis shards; Kafka has no closed partitions"),
      Map.entry("skipSequenceNumberAvailabilityCheck", "skips checking that a stored Kinesis sequence number is still "
                                                       + "in the stream; for Kafka, offsets out of range follow "
                                                       + "tuningConfig.resetOffsetAutomatically")
  );

  private KinesisOnlyFields()
  {
  }
}
