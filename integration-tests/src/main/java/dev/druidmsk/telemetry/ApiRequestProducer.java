package dev.druidmsk.telemetry;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Sends generated API requests to a topic and says exactly what the broker acknowledged. */
public final class ApiRequestProducer implements AutoCloseable
{
  private final KafkaProducer<byte[], byte[]> producer;

  /** {@code clientProperties}: bootstrap servers and the security settings (IAM or plaintext) to reach them. */
  public ApiRequestProducer(Map<String, Object> clientProperties)
  {
    final Map<String, Object> properties = new HashMap<>(clientProperties);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(properties);
  }

  /** Sends {@code count} events and returns once every one is acknowledged; the totals count only those. */
  public ProducedTotals send(String topic, ApiRequestGenerator generator, int count)
      throws InterruptedException, ExecutionException
  {
    final List<ApiRequest> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      requests.add(generator.next());
    }
    return send(topic, requests);
  }

  /** Sends {@code requests} and returns once every one is acknowledged. */
  public ProducedTotals send(String topic, List<ApiRequest> requests) throws InterruptedException, ExecutionException
  {
    final List<Future<RecordMetadata>> acks = new ArrayList<>(requests.size());
    for (ApiRequest request : requests) {
      acks.add(producer.send(new ProducerRecord<>(
          topic,
          request.route().getBytes(StandardCharsets.UTF_8),
          request.toJson().getBytes(StandardCharsets.UTF_8)
      )));
    }
    producer.flush();
    final ProducedTotals totals = new ProducedTotals();
    for (int i = 0; i < requests.size(); i++) {
      acks.get(i).get();
      totals.add(requests.get(i));
    }
    return totals;
  }

  @Override
  public void close()
  {
    producer.close();
  }
}
