package dev.druidmsk.iam;

import dev.druidmsk.iam.internals.MskIamLibrary;
import dev.druidmsk.iam.internals.MskIamLibrary.CredentialSource;
import org.apache.druid.java.util.common.logger.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The credentials of every Kafka client in a JVM (strictly: in the class loader holding this class, one per Druid
 * extension folder), one entry per distinct aws-msk-iam-auth JAAS option set. The key is the whole option set
 * because every option can change the credentials (role, session name, external ID, STS region, profile, static
 * role keys, fallback, retries, FIPS, region provider); the same options always mean the same credentials.
 *
 * <p>Entries are counted: the last client to close its lease closes the entry and its STS client, and a client
 * opening the same options later starts a new one.
 *
 * <p>Each entry's source is aws-msk-iam-auth's provider with its own retry loop off ({@code awsMaxRetries=0}):
 * that loop sleeps between attempts and only retries client-side errors (aws-msk-iam-auth #251), and
 * {@link RefreshingCredentials}' back-off replaces it. The SDK's STS client keeps its own retries within an attempt.
 */
final class SharedCredentialsCache
{
  private static final Logger log = new Logger(SharedCredentialsCache.class);

  static final SharedCredentialsCache JVM = new SharedCredentialsCache(
      options -> MskIamLibrary.credentialSource(withoutLibraryRetries(options)),
      Clock.systemUTC(),
      refresherThreads()
  );

  private final Function<Map<String, ?>, CredentialSource> sources;
  private final Clock clock;
  private final Executor refresher;
  private final Map<Map<String, String>, Entry> entries = new HashMap<>();

  /** Refreshes run on the calling thread: for tests that step a fake clock. */
  SharedCredentialsCache(Function<Map<String, ?>, CredentialSource> sources, Clock clock)
  {
    this(sources, clock, Runnable::run);
  }

  SharedCredentialsCache(Function<Map<String, ?>, CredentialSource> sources, Clock clock, Executor refresher)
  {
    this.sources = sources;
    this.clock = clock;
    this.refresher = refresher;
  }

  static Map<String, String> withoutLibraryRetries(Map<String, ?> options)
  {
    final Map<String, String> source = new HashMap<>();
    options.forEach((name, value) -> source.put(name, String.valueOf(value)));
    source.put("awsMaxRetries", "0");
    return source;
  }

  /** Daemon threads, so a refresh stuck on a slow STS never keeps a JVM alive; at most one per entry is busy. */
  private static ExecutorService refresherThreads()
  {
    final AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(task -> {
      final Thread thread = new Thread(task, "druid-msk-credentials-refresh-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  synchronized Lease lease(Map<String, ?> jaasOptions)
  {
    final Map<String, String> options = new HashMap<>();
    jaasOptions.forEach((name, value) -> options.put(name, String.valueOf(value)));
    final Map<String, String> key = Map.copyOf(options);
    final Entry entry = entries.computeIfAbsent(key, this::open);
    entry.leases++;
    return new Lease(key, entry);
  }

  /** How many distinct option sets have open leases. */
  synchronized int size()
  {
    return entries.size();
  }

  private Entry open(Map<String, String> key)
  {
    // Only the role and session name: the options may hold an external ID or static role keys.
    final String identity = String.format(
        "role[%s] session[%s]",
        key.getOrDefault("awsRoleArn", "<none>"),
        key.getOrDefault("awsRoleSessionName", "<default>")
    );
    log.info("Sharing AWS MSK IAM credentials of %s among the Kafka clients of this JVM.", identity);
    final CredentialSource source = sources.apply(key);
    return new Entry(
        source,
        new RefreshingCredentials(
            source,
            identity,
            clock,
            refresher,
            () -> ThreadLocalRandom.current().nextDouble(),
            RefreshingCredentials.MAX_WAIT
        )
    );
  }

  private synchronized void release(Map<String, String> key, Entry entry)
  {
    entry.leases--;
    if (entry.leases == 0) {
      entries.remove(key);
      entry.source.close();
    }
  }

  private static final class Entry
  {
    final CredentialSource source;
    final RefreshingCredentials credentials;
    int leases;

    Entry(CredentialSource source, RefreshingCredentials credentials)
    {
      this.source = source;
      this.credentials = credentials;
    }
  }

  /** One Kafka client's use of an entry; closing it twice releases it once. */
  final class Lease implements AutoCloseable
  {
    private final Map<String, String> key;
    private final Entry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(Map<String, String> key, Entry entry)
    {
      this.key = key;
      this.entry = entry;
    }

    AwsCredentials credentials()
    {
      if (closed.get()) {
        throw new IllegalStateException("This Kafka client's shared AWS MSK IAM credentials were already closed");
      }
      return entry.credentials.get();
    }

    CredentialSource source()
    {
      return entry.source;
    }

    @Override
    public void close()
    {
      if (closed.compareAndSet(false, true)) {
        release(key, entry);
      }
    }
  }
}
