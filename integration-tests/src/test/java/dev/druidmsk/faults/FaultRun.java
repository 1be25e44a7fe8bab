package dev.druidmsk.faults;

import dev.druidmsk.localmsk.testing.TestStacks;

import java.time.Duration;
import java.util.List;

/**
 * One fault against a supervisor ingesting a stream of uniquely numbered events: the supervisor is submitted and
 * reading, the stream starts, the fault is injected once a third of it is acknowledged and some of it ingested,
 * and after the fault ends the run measures how long ingestion takes to catch up with what was produced by then
 * and to ingest the first event produced after, and finally what the datasource holds of the whole stream.
 */
final class FaultRun
{
  private static final Duration TASK_START = Duration.ofMinutes(3);
  private static final Duration CATCH_UP = Duration.ofMinutes(6);
  /** After the count is reached, long enough for a replayed task's late duplicates to show. */
  private static final Duration SETTLE = Duration.ofSeconds(10);

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
  final long assumeRoles;
  final List<String> failedTasks;

  private FaultRun(
      String name,
      long produced,
      long recordsInTopic,
      IngestedEvents ingested,
      Duration recovery,
      long reauthentications,
      long assumeRoles,
      List<String> failedTasks
  )
  {
    this.name = name;
    this.produced = produced;
    this.recordsInTopic = recordsInTopic;
    this.ingested = ingested;
    this.recovery = recovery;
    this.reauthentications = reauthentications;
    this.assumeRoles = assumeRoles;
    this.failedTasks = failedTasks;
  }

  static FaultRun measure(FaultStack stack, String dataSource, int events, int perSecond, Fault fault)
      throws Exception
  {
    stack.submitOneRowPerEvent(dataSource);
    FaultStack.await("a reading task for " + dataSource, TASK_START, () -> !stack.activeTasks(dataSource).isEmpty());
    final long reauthenticationsBefore = stack.msk().broker().reauthentications();
    final long assumeRolesBefore = assumeRoles(stack);
    final long produced;
    final long recordsInTopic;
    final Duration recovery;
    // Produced through the unauthenticated setup listener: the faults hit Druid's IAM path, not the producer's.
    try (EventStream stream = EventStream.start(
        dataSource, stack.msk().broker().operatorAdminProperties(), events, perSecond)) {
      FaultStack.await("a third of " + dataSource + " produced and ingestion under way", CATCH_UP,
                       () -> stream.acknowledged() >= events / 3 && rows(stack, dataSource) > 0);
      fault.inject(stream);
      final long restored = System.nanoTime();
      // Recovered: everything produced before the fault ended is ingested, and the first event after it too
      // (unless the stream was over by then); a fault that merely paused both sides does not count as no time.
      final long target = Math.min(stream.acknowledged() + 1, events);
      FaultStack.await(target + " events in " + dataSource + " after the fault", CATCH_UP,
                       () -> rows(stack, dataSource) >= target);
      recovery = Duration.ofNanos(System.nanoTime() - restored);
      produced = stream.finish(CATCH_UP);
      recordsInTopic = stream.recordsInTopic();
    }
    FaultStack.await("all " + produced + " events in " + dataSource, CATCH_UP,
                     () -> rows(stack, dataSource) >= produced);
    Thread.sleep(SETTLE.toMillis());
    final FaultRun run = new FaultRun(
        dataSource,
        produced,
        recordsInTopic,
        IngestedEvents.of(stack.stack().sql(), dataSource),
        recovery,
        stack.msk().broker().reauthentications() - reauthenticationsBefore,
        assumeRoles(stack) - assumeRolesBefore,
        stack.failedTasks(dataSource)
    );
    run.print();
    return run;
  }

  static long rows(FaultStack stack, String dataSource) throws Exception
  {
    return IngestedEvents.rows(stack.stack().sql(), dataSource);
  }

  private static long assumeRoles(FaultStack stack)
  {
    return stack.msk().sts().counters().issued(TestStacks.READER_ROLE);
  }

  long lost()
  {
    return ingested.lost(produced);
  }

  long duplicated()
  {
    return ingested.duplicated();
  }

  private void print()
  {
    System.out.printf(
        "FAULT %s: produced %d (topic holds %d), ingested %d rows (%d distinct ids %d..%d), lost %d, duplicated %d,"
        + " recovery %d ms, broker re-authentications %d, credentials AssumeRole issued %d, failed tasks %d %s%n",
        name, produced, recordsInTopic, ingested.rows(), ingested.distinct(), ingested.minId(), ingested.maxId(),
        lost(), duplicated(), recovery.toMillis(), reauthentications, assumeRoles, failedTasks.size(), failedTasks
    );
    System.out.printf("BENCH fault %s: recovery %d ms%n", name, recovery.toMillis());
  }
}
