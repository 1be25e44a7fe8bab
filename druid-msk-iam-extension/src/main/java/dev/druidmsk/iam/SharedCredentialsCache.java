package dev.druidmsk.iam;

import dev.druidmsk.iam.internals.MskIamLibrary;
import dev.druidmsk.iam.internals.MskIamLibrary.CredentialSource;
import org.apache.druid.java.util.common.logger.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The credentials of every Kafka client in a JVM (strictly: in the class loader holding this class, one per Druid
 * extension folder), one entry per distinct aws-msk-iam-auth JAAS option set. The key is the whole option set
 * because every option can change the credentials (role, session name, external ID, STS region, profile, static
 * role keys, fallback, retries, FIPS, region provider); the same options always mean the same credentials.
 *
 * <p>Entries are counted: the last client to close its lease closes the entry and its STS client, and a client
 * opening the same options later starts a new one.
 */
final class SharedCredentialsCache
{
  private static final Logger log = new Logger(SharedCredentialsCache.class);

  static final SharedCredentialsCache JVM =
      new SharedCredentialsCache(MskIamLibrary::credentialSource, Clock.systemUTC());

  private final Function<Map<String, ?>, CredentialSource> sources;
  private final Clock clock;
  private final Map<Map<String, String>, Entry> entries = new HashMap<>();

  SharedCredentialsCache(Function<Map<String, ?>, CredentialSource> sources, Clock clock)
  {
    this.sources = sources;
    this.clock = clock;
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
    log.info(
        "Sharing AWS MSK IAM credentials of role[%s] session[%s] among the Kafka clients of this JVM.",
        key.getOrDefault("awsRoleArn", "<none>"),
        key.getOrDefault("awsRoleSessionName", "<default>")
    );
    final CredentialSource source = sources.apply(key);
    return new Entry(source, new RefreshingCredentials(source, clock));
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
