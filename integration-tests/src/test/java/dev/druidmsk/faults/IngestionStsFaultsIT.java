package dev.druidmsk.faults;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** STS failing the nodes while they ingest: down, throttling, slow. */
class IngestionStsFaultsIT extends FaultSuite
{
  /** By then every credential issued before the outage has expired and no connection can have re-authenticated. */
  private static final Duration STALLED_AFTER = CREDENTIAL_LIFETIME.plus(REAUTHENTICATION).plusSeconds(15);
  /** How long ingestion must then stay stalled while events keep coming. */
  private static final Duration STAYS_STALLED = Duration.ofSeconds(10);
  /** Longer than the credential lifetime: ingestion stalls, and must stay stalled until STS is back. */
  private static final Duration STS_OUTAGE = STALLED_AFTER.plus(STAYS_STALLED);
  /** The shortest waits of the extension's back-off (1 s doubling to 30 s, with equal jitter): half of each. */
  private static final Duration SHORTEST_FIRST_BACK_OFF = Duration.ofMillis(500);
  private static final Duration SHORTEST_LONGEST_BACK_OFF = Duration.ofSeconds(15);
  /**
   * Twice the credential lifetime: every JVM's refresh falls inside it, and the credentials it held when the
   * throttling began expire with more throttling to come.
   */
  private static final Duration STS_THROTTLING = CREDENTIAL_LIFETIME.multipliedBy(2);
  /**
   * The JVMs whose Kafka clients assume the reader role (the Overlord's supervisor, the Indexer's tasks), each with
   * one shared cache entry; the most attempts an entry's back-off allows in {@link #STS_THROTTLING}; and per attempt,
   * AssumeRoleWithWebIdentity and AssumeRole, each sent up to 4 times by the AWS SDK.
   */
  private static final long MOST_THROTTLED_REQUESTS = 2 * mostAttemptsWithin(STS_THROTTLING) * (4 + 4);
  /** Above the shared cache's refresh lead for these credentials (10 s before expiry): they near expiry first. */
  private static final Duration STS_LATENCY = Duration.ofSeconds(20);
  private static final Duration SLOW_STS = Duration.ofSeconds(45);
  /** How long a stream goes on after its fault, so that events are still coming when the fault ends. */
  private static final Duration STREAM_AFTER_FAULT = Duration.ofSeconds(5);
  /**
   * With three suites starting their clusters at once the first rows came so late that a stream sized for the outage
   * ended before the outage did (all 33,000 events produced when ingestion was found stalled; again with 51,000 when
   * bootstrap's tests ran beside the lanes). So the stream ends a few seconds after the outage, and its size is only
   * a bound, twice what this allows for.
   */
  private static final Duration FIRST_ROWS_ALLOWANCE = Duration.ofSeconds(30);
  /**
   * Events before the outage, with rows queryable: ingestion is under way when STS goes down. A third of the bound
   * (34,000 events, 85 s) was the wait before.
   */
  private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(10);

  @Test
  @Order(1)
  void ingestionResumesByItselfAfterAnStsOutageLongerThanTheCredentialLifetime() throws Exception
  {
    final AtomicLong producedWhenStalled = new AtomicLong();
    final AtomicLong rowsWhenStalled = new AtomicLong();
    final AtomicLong producedAtRestore = new AtomicLong();
    final AtomicLong rowsAtRestore = new AtomicLong();
    final int perSecond = 400;
    final int events = 2 * outlasting(STS_OUTAGE.plus(FIRST_ROWS_ALLOWANCE), STREAM_AFTER_FAULT, perSecond);
    final FaultRun run = FaultRun.measure(stack, "faults_sts_outage", events, perSecond, BEFORE_OUTAGE, stream -> {
      stack.msk().sts().faults().outage();
      Thread.sleep(STALLED_AFTER.toMillis());
      producedWhenStalled.set(stream.acknowledged());
      rowsWhenStalled.set(FaultRun.rows(stack, "faults_sts_outage"));
      Thread.sleep(STAYS_STALLED.toMillis());
      producedAtRestore.set(stream.acknowledged());
      rowsAtRestore.set(FaultRun.rows(stack, "faults_sts_outage"));
      stack.msk().sts().faults().clear();
      stream.endAfter(STREAM_AFTER_FAULT);
    });

    assertThat(producedAtRestore.get()).as("events produced late in the outage")
                                       .isGreaterThan(producedWhenStalled.get());
    assertThat(rowsAtRestore.get()).as("rows ingested late in the outage, with every credential expired")
                                   .isLessThanOrEqualTo(rowsWhenStalled.get());
    assertExactlyOnce(run);
  }

  @Test
  @Order(2)
  void stsThrottlingForTwiceTheCredentialLifetimeLosesNothingAndStormsNot() throws Exception
  {
    final int perSecond = 300;
    final int events = outlasting(STS_THROTTLING, STREAM_AFTER_FAULT, perSecond);
    final FaultRun run = FaultRun.measure(stack, "faults_sts_throttling", events, perSecond, stream -> {
      stack.msk().sts().faults().throttle();
      Thread.sleep(STS_THROTTLING.toMillis());
      stack.msk().sts().faults().clear();
    });

    final long throttled = run.sts.throttled + run.sts.webIdentityThrottled;
    assertExactlyOnce(run);
    assertThat(throttled).as("requests STS throttled").isPositive();
    assertThat(throttled).as("throttled requests: one attempt per back-off per JVM")
                         .isLessThanOrEqualTo(MOST_THROTTLED_REQUESTS);
    assertThat(run.tooShortRefusals()).as("authentications refused as too short").isZero();
  }

  @Test
  @Order(3)
  void slowStsLetsCredentialsNearExpiryWithoutASessionTooShort() throws Exception
  {
    final FaultRun run = FaultRun.measure(stack, "faults_sts_slow", 20_000, 400, stream -> {
      stack.msk().sts().faults().latency(STS_LATENCY);
      Thread.sleep(SLOW_STS.toMillis());
      stack.msk().sts().faults().clear();
    });

    assertExactlyOnce(run);
    assertThat(run.sts.issued).as("credentials issued late").isPositive();
    assertThat(run.tooShortRefusals()).as("authentications refused as too short").isZero();
  }

  /**
   * The most attempts one cache entry makes in {@code window} while each is answered at once: the first, then one
   * after every back-off, each back-off at least half its nominal wait.
   */
  private static long mostAttemptsWithin(Duration window)
  {
    long attempts = 1;
    Duration wait = SHORTEST_FIRST_BACK_OFF;
    Duration next = wait;
    while (next.compareTo(window) <= 0) {
      attempts++;
      final Duration doubled = wait.multipliedBy(2);
      wait = doubled.compareTo(SHORTEST_LONGEST_BACK_OFF) < 0 ? doubled : SHORTEST_LONGEST_BACK_OFF;
      next = next.plus(wait);
    }
    return attempts;
  }
}
