package dev.druidmsk.faults;

import dev.druidmsk.localmsk.sts.CallCounters;
import dev.druidmsk.localmsk.testing.TestStacks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One fault against a supervisor ingesting a stream of uniquely numbered events: the supervisor is submitted and
 * reading, the stream starts, the fault is injected once a third of it (or a given warm-up, for a stream whose size
 * is only a bound) is acknowledged and some of it ingested,
 * and after the fault ends the run measures how long ingestion takes to catch up with what was produced by then
 * and to ingest the first event produced after, and finally, once the supervisor's tasks have read the whole topic,
 * what the datasource holds of the whole stream.
 */
final class FaultRun
{
  private static final Duration TASK_START = Duration.ofMinutes(3);
  private static final Duration CATCH_UP = Duration.ofMinutes(6);
  /** How long the count may take to give the same answer three times in a row; then its last answer is judged. */
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final Duration SETTLE_POLL = Duration.ofMillis(500);

  /** The fault: it returns once the fault is over (the service restored). */
  @FunctionalInterface
  interface Fault
  {
    void inject(EventStream stream) throws Exception;
  }

  final String name;
  final long produced;
  final long recordsInTopic;
  final IngestedEvents ingested;
  final Duration recovery;
  final long reauthentications;
  final StsCalls sts;
  /** Authentications the broker refused from the supervisor's submission on, with the reason clients got. */
  final List<String> refusals;
  final List<String> failedTasks;

  private FaultRun(
      String name,
      long produced,
      long recordsInTopic,
      IngestedEvents ingested,
      Duration recovery,
      long reauthentications,
      StsCalls sts,
      List<String> refusals,
      List<String> failedTasks
  )
  {
    this.name = name;
    this.produced = produced;
    this.recordsInTopic = recordsInTopic;
    this.ingested = ingested;
    this.recovery = recovery;
    this.reauthentications = reauthentications;
    this.sts = sts;
    this.refusals = refusals;
    this.failedTasks = failedTasks;
  }

  static FaultRun measure(FaultStack stack, String dataSource, int events, int perSecond, Fault fault)
      throws Exception
  {
    return measure(stack, dataSource, 1, events, perSecond, events / 3, fault);
  }

  /**
   * As above, with the fault injected once {@code warmUp} of events are acknowledged (and some ingested): for a fault
   * that ends the stream itself ({@link EventStream#endAfter}), whose {@code events} are only a bound.
   */
  static FaultRun measure(FaultStack stack, String dataSource, int events, int perSecond, Duration warmUp, Fault fault)
      throws Exception
  {
    return measure(stack, dataSource, 1, events, perSecond, Math.toIntExact(warmUp.toSeconds() * perSecond), fault);
  }

  /** As the first, with a topic of {@code tasks} partitions read by as many tasks. */
  static FaultRun measure(FaultStack stack, String dataSource, int tasks, int events, int perSecond, Fault fault)
      throws Exception
  {
    return measure(stack, dataSource, tasks, events, perSecond, events / 3, fault);
  }

  private static FaultRun measure(
      FaultStack stack,
      String dataSource,
      int tasks,
      int events,
      int perSecond,
      int beforeFault,
      Fault fault
  ) throws Exception
  {
    // From before the tasks start: several starting at once may be refused over the broker's connection quota.
    final int refusalsBefore = stack.msk().broker().refusals().size();
    stack.submitOneRowPerEvent(dataSource, tasks);
    FaultStack.await(tasks + " reading tasks for " + dataSource, TASK_START,
                     () -> stack.activeTasks(dataSource).size() >= tasks);
    final long reauthenticationsBefore = stack.msk().broker().reauthentications();
    final StsCalls stsBefore = StsCalls.of(stack);
    final long produced;
    final Map<Integer, Long> endOffsets;
    final Duration recovery;
    // Produced through the unauthenticated setup listener: the faults hit Druid's IAM path, not the producer's.
    try (EventStream stream = EventStream.start(
        dataSource, stack.msk().broker().operatorAdminProperties(), events, perSecond)) {
      FaultStack.await(beforeFault + " events of " + dataSource + " produced and ingestion under way", CATCH_UP,
                       () -> stream.acknowledged() >= beforeFault && rows(stack, dataSource) > 0);
      fault.inject(stream);
      final long restored = System.nanoTime();
      // Recovered: everything produced before the fault ended is ingested, and the first event after it too
      // (unless the stream was over by then); a fault that merely paused both sides does not count as no time.
      final long target = Math.min(stream.acknowledged() + 1, events);
      FaultStack.await(target + " events in " + dataSource + " after the fault", CATCH_UP,
                       () -> rows(stack, dataSource) >= target);
      recovery = Duration.ofNanos(System.nanoTime() - restored);
      produced = stream.finish(CATCH_UP);
      endOffsets = stream.endOffsets();
    }
    FaultStack.await("all " + produced + " events in " + dataSource, CATCH_UP,
                     () -> rows(stack, dataSource) >= produced);
    // A task replaying from an earlier checkpoint would add its duplicates while it reads; once the reading tasks
    // have read every partition to its end, nothing more can come.
    FaultStack.await("the tasks of " + dataSource + " to have read every partition to its end", CATCH_UP,
                     () -> stack.readTo(dataSource, endOffsets));
    final FaultRun run = new FaultRun(
        dataSource,
        produced,
        endOffsets.values().stream().mapToLong(Long::longValue).sum(),
        settledCount(stack, dataSource),
        recovery,
        stack.msk().broker().reauthentications() - reauthenticationsBefore,
        StsCalls.of(stack).minus(stsBefore),
        since(stack.msk().broker().refusals(), refusalsBefore),
        stack.failedTasks(dataSource)
    );
    run.print();
    return run;
  }

  /**
   * Druid's count of the ingested events once it answers the same three times in a row. One run (2026-12-06) counted
   * 24,700 rows of 22,800 ids for 24,000 produced, in one query right after tasks had failed over the connection-rate
   * quota and others took over their partitions, while segments moved between tasks and the Historical. Whether the
   * next answer would have differed is not known (the cluster was gone), but Druid has answered sums wrongly for a
   * moment in such moves (see MskIngestionE2EIT). Rows lost or counted twice for good give the same answer three
   * times, and the assertions report them.
   */
  private static IngestedEvents settledCount(FaultStack stack, String dataSource) throws InterruptedException
  {
    final long deadline = System.nanoTime() + SETTLE.toNanos();
    IngestedEvents answer = IngestedEvents.of(stack.stack().sql(), dataSource);
    int sameInARow = 1;
    while (sameInARow < 3 && System.nanoTime() < deadline) {
      Thread.sleep(SETTLE_POLL.toMillis());
      final IngestedEvents next = IngestedEvents.of(stack.stack().sql(), dataSource);
      sameInARow = next.equals(answer) ? sameInARow + 1 : 1;
      answer = next;
    }
    return answer;
  }

  static long rows(FaultStack stack, String dataSource) throws Exception
  {
    return IngestedEvents.rows(stack.stack().sql(), dataSource);
  }

  private static List<String> since(List<String> all, int before)
  {
    return List.copyOf(all.subList(Math.min(before, all.size()), all.size()));
  }

  /** Authentications the broker refused as "Session too short". */
  long tooShortRefusals()
  {
    return refusals.stream().filter(refusal -> refusal.contains("Session too short")).count();
  }

  long lost()
  {
    return ingested.lost(produced);
  }

  long duplicated()
  {
    return ingested.duplicated();
  }

  /**
   * The nodes' STS requests as the local STS counted them, every AWS SDK retry included: AssumeRole of the reader
   * role, and AssumeRoleWithWebIdentity, through which the nodes' IRSA identity is had first.
   */
  static final class StsCalls
  {
    private static final String WEB_IDENTITY = "AssumeRoleWithWebIdentity";

    final long requests;
    final long issued;
    final long throttled;
    final long failed;
    final long refused;
    final long webIdentityRequests;
    final long webIdentityThrottled;

    private StsCalls(long[] counts)
    {
      this.requests = counts[0];
      this.issued = counts[1];
      this.throttled = counts[2];
      this.failed = counts[3];
      this.refused = counts[4];
      this.webIdentityRequests = counts[5];
      this.webIdentityThrottled = counts[6];
    }

    static StsCalls of(FaultStack stack)
    {
      final CallCounters counters = stack.msk().sts().counters();
      final String role = TestStacks.READER_ROLE;
      return new StsCalls(new long[]{
          counters.assumeRoleCalls(role), counters.issued(role), counters.throttled(role), counters.failed(role),
          counters.refused(role), counters.calls(WEB_IDENTITY),
          counters.snapshot().getOrDefault(WEB_IDENTITY + ' ' + CallCounters.Outcome.THROTTLED, 0L)
      });
    }

    StsCalls minus(StsCalls before)
    {
      return new StsCalls(new long[]{
          requests - before.requests, issued - before.issued, throttled - before.throttled, failed - before.failed,
          refused - before.refused, webIdentityRequests - before.webIdentityRequests,
          webIdentityThrottled - before.webIdentityThrottled
      });
    }
  }

  private void print()
  {
    System.out.printf(
        "FAULT %s: produced %d (topic holds %d), ingested %d rows (%d distinct ids %d..%d), lost %d, duplicated %d,"
        + " recovery %d ms, broker re-authentications %d, broker refusals %d (session too short %d),"
        + " STS AssumeRole requests %d: issued %d, throttled %d, failed %d, refused %d;"
        + " AssumeRoleWithWebIdentity (IRSA) requests %d, throttled %d; failed tasks %d %s%n",
        name, produced, recordsInTopic, ingested.rows(), ingested.distinct(), ingested.minId(), ingested.maxId(),
        lost(), duplicated(), recovery.toMillis(), reauthentications, refusals.size(), tooShortRefusals(),
        sts.requests, sts.issued, sts.throttled, sts.failed, sts.refused, sts.webIdentityRequests,
        sts.webIdentityThrottled, failedTasks.size(), failedTasks
    );
    System.out.printf("BENCH fault %s: recovery %d ms%n", name, recovery.toMillis());
  }
}
