package dev.druidmsk.scale;

import dev.druidmsk.iam.MskIamConfigProvider;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.testing.DruidReaderClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One measurement: N consumers of the reader role in this JVM, with the given credential cache, reading what an
 * operator produces into a topic of the run's own for a window; the AssumeRole calls the local STS answered for the
 * role meanwhile. Each run has its own session name, hence its own credentials.
 */
final class ScaleRun
{
  private static final Duration PRODUCE_EVERY = Duration.ofMillis(250);
  private static final Duration DRAIN = Duration.ofMinutes(2);
  private static final AtomicInteger RUNS = new AtomicInteger();

  final String credentialCache;
  final int consumers;
  final long assumeRoles;
  final long produced;
  final List<ConsumerFleet.Report> reports;

  private ScaleRun(
      String credentialCache,
      int consumers,
      long assumeRoles,
      long produced,
      List<ConsumerFleet.Report> reports
  )
  {
    this.credentialCache = credentialCache;
    this.consumers = consumers;
    this.assumeRoles = assumeRoles;
    this.produced = produced;
    this.reports = reports;
  }

  /** The provider a supervisor spec would carry. */
  private static MskIamConfigProvider reader(String sessionName, String credentialCache)
  {
    return new MskIamConfigProvider(
        TestStacks.READER_ROLE, sessionName, TestStacks.EXTERNAL_ID, null, null, null, 0, 200, null, null,
        "SASL_PLAINTEXT", credentialCache, null
    );
  }

  static ScaleRun measure(ReaderStack stack, String credentialCache, int consumers, Duration window) throws Exception
  {
    final String name = "scale-" + RUNS.incrementAndGet() + "-" + credentialCache + "-" + consumers;
    stack.createTopics(name);
    final MskIamConfigProvider provider = reader(name, credentialCache);
    final long before = stack.msk().sts().counters().issued(TestStacks.READER_ROLE);
    long produced = 0;
    final List<ConsumerFleet.Report> reports;
    try (ConsumerFleet fleet = ConsumerFleet.start(
        DruidReaderClients.clientProperties(stack.msk(), provider, false),
        new TopicPartition(name, 0),
        consumers,
        window.plus(DRAIN)
    );
         KafkaProducer<String, String> operator = new KafkaProducer<>(
             stack.msk().broker().operatorAdminProperties(), new StringSerializer(), new StringSerializer())) {
      final long end = System.nanoTime() + window.toNanos();
      while (System.nanoTime() < end) {
        operator.send(new ProducerRecord<>(name, "k", "v" + produced)).get(30, TimeUnit.SECONDS);
        produced++;
        Thread.sleep(PRODUCE_EVERY.toMillis());
      }
      reports = fleet.finish(produced);
    }
    final long assumeRoles = stack.msk().sts().counters().issued(TestStacks.READER_ROLE) - before;
    return new ScaleRun(credentialCache, consumers, assumeRoles, produced, reports);
  }
}
