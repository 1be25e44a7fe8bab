package dev.druidmsk.iam;

import dev.druidmsk.iam.internals.MskIamLibrary;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import software.amazon.msk.auth.iam.IAMLoginModule;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import java.util.List;
import java.util.Map;

/**
 * A drop-in for aws-msk-iam-auth's {@code IAMClientCallbackHandler} whose credentials are shared by every Kafka
 * client of the JVM with the same JAAS options, so a node assumes a role once per refresh instead of once per
 * consumer, producer and admin client (see {@link SharedCredentialsCache}). The aws-msk-iam provider emits it for
 * {@code "credentialCache": "shared"}; Kafka instantiates it by name.
 *
 * <p>Like the library's handler it answers the library's credentials callback only and reports a failure to load
 * credentials on the callback ({@link MskIamLibrary#answer}); which credentials are tried, and whether the node's
 * default chain may stand in for a role, is decided by the library's provider from the same JAAS options. Unlike it, a JAAS configuration without {@code IAMLoginModule} is an error rather than a
 * silent switch to the node's default credentials.
 */
public class SharedCredentialsCallbackHandler implements AuthenticateCallbackHandler
{
  private final SharedCredentialsCache cache;
  private SharedCredentialsCache.Lease lease;

  public SharedCredentialsCallbackHandler()
  {
    this(SharedCredentialsCache.JVM);
  }

  SharedCredentialsCallbackHandler(SharedCredentialsCache cache)
  {
    this.cache = cache;
  }

  @Override
  public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries)
  {
    if (!MskIamOptions.SASL_MECHANISM.equals(saslMechanism)) {
      throw new IllegalArgumentException("Unexpected SASL mechanism: " + saslMechanism);
    }
    final AppConfigurationEntry entry = jaasConfigEntries
        .stream()
        .filter(candidate -> IAMLoginModule.class.getName().equals(candidate.getLoginModuleName()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "sasl.jaas.config has no " + IAMLoginModule.class.getName() + " entry, so " + getClass().getName()
            + " does not know which credentials to share. Use the aws-msk-iam provider's sasl.jaas.config."
        ));
    // The node policy again: a hand-written sasl.jaas.config reaches here without the provider's checks.
    NodePolicyHolder.current().checkJaas(entry.getOptions(), configs.get("security.protocol"));
    lease = cache.lease(entry.getOptions());
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException
  {
    for (Callback callback : callbacks) {
      MskIamLibrary.answer(callback, lease::credentials, lease.source());
    }
  }

  @Override
  public void close()
  {
    if (lease != null) {
      lease.close();
    }
  }
}
