package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.sasl.ConnectPayloads;
import dev.druidmsk.localmsk.testing.RawSaslClient;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** MSK's quota on new IAM connections per broker: connections over the rate are refused during authentication. */
class ConnectionRateIT
{
  private static final int PER_SECOND = 3;

  @Test
  void authenticationsOverTheNewConnectionRateAreRefusedTooManyConnects() throws Exception
  {
    try (LocalMsk msk = LocalMsk.builder(TestStacks.workDir(ConnectionRateIT.class), TestStacks.DRUID)
                                .iamAuthorization(false)
                                .broker(broker -> broker.connectionLimits(PER_SECOND, 3000))
                                .start()) {
      final String bootstrap = msk.broker().saslPlaintextBootstrap();
      final int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
      final String payload = ConnectPayloads.json(ConnectPayloads.signed(
          msk.authority().issue("arn:aws:sts::222222222222:assumed-role/msk-reader/burst", Instant.now().plusSeconds(3600)),
          "localhost", msk.broker().region(), Instant.now(), 900
      ));

      final List<RawSaslClient.Verdict> verdicts = new ArrayList<>();
      final long started = System.nanoTime();
      for (int i = 0; i < 4 * PER_SECOND; i++) {
        verdicts.add(RawSaslClient.authenticate("127.0.0.1", port, payload));
      }
      final long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
      final long refused = verdicts.stream().filter(v -> v.error() == Errors.SASL_AUTHENTICATION_FAILED).count();
      System.out.println("ConnectionRateIT: " + verdicts.size() + " authentications in " + tookMs + " ms at "
                         + PER_SECOND + "/s: refused " + refused);

      assertThat(refused).isGreaterThan(0);
      assertThat(verdicts.stream().filter(v -> v.error() == Errors.SASL_AUTHENTICATION_FAILED))
          .allSatisfy(v -> assertThat(v.message()).matches("\\[[0-9a-f-]{36}]: Too many connects"));
      assertThat(msk.broker().refusals()).anyMatch(message -> message.endsWith("Too many connects"));
    }
  }
}
