package dev.druidmsk.localmsk.broker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a broker that exits while starting reports from its server.log (lines as Kafka 3.9 writes them). */
class BrokerStartErrorTest
{
  private static final Path LOG = Path.of("logs/server.log");

  @Test
  void theFirstErrorIsReportedWithItsExceptionMessagesAndWithoutItsStackOrTheShutdownAfterIt()
  {
    final String reported = LocalKafkaBroker.firstError(List.of(
        "[2026-12-05 12:02:23,900] INFO [SocketServer listenerType=BROKER, nodeId=1] Enabling request processing. (kafka.network.SocketServer)",
        "[2026-12-05 12:02:23,902] ERROR Unable to start acceptor for ListenerName(IAM) (kafka.network.DataPlaneAcceptor)",
        "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:39671: Address already in use.",
        "\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:736)",
        "Caused by: java.net.BindException: Address already in use",
        "\tat java.base/sun.nio.ch.Net.bind0(Native Method)",
        "[2026-12-05 12:02:24,033] ERROR Exiting Kafka due to fatal exception during startup. (kafka.Kafka$)",
        "[2026-12-05 12:02:24,196] INFO [ControllerRegistrationManager id=1] closed event queue. (org.apache.kafka.queue.KafkaEventQueue)"
    ), LOG);

    assertThat(reported).isEqualTo(
        "the first error in logs/server.log:\n"
        + "[2026-12-05 12:02:23,902] ERROR Unable to start acceptor for ListenerName(IAM) (kafka.network.DataPlaneAcceptor)\n"
        + "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:39671: Address already in use.\n"
        + "Caused by: java.net.BindException: Address already in use"
    );
  }

  @Test
  void withoutAnErrorTheEndOfTheLogIsReported()
  {
    final String reported = LocalKafkaBroker.firstError(List.of("[t] INFO starting", "[t] INFO shutting down"), LOG);

    assertThat(reported).isEqualTo("the end of logs/server.log:\n[t] INFO starting\n[t] INFO shutting down");
  }
}
