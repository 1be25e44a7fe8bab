package dev.druidmsk.localmsk.sasl;

import dev.druidmsk.localmsk.iam.LongTermKeys;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

/**
 * The listener's {@code sasl.server.callback.handler.class}: verifies payloads with the options of
 * {@link MskIamLoginModule} in the listener's JAAS config:
 * {@code masterKeyFile} (required), {@code region} (required), {@code hosts} (comma-separated, default
 * {@code localhost}), {@code maxClockSkewSeconds} (default 300), {@code longTermKeysFile} (IAM users' keys the
 * broker accepts, {@link LongTermKeys}; default none), {@code maxNewConnectionsPerSecond} (MSK's quota on new IAM
 * connections per broker, {@link NewConnectionRate}; default 100, 0 for none).
 */
public class MskIamCallbackHandler implements AuthenticateCallbackHandler
{
  static final String MASTER_KEY_FILE = "masterKeyFile";
  static final String REGION = "region";
  static final String HOSTS = "hosts";
  static final String MAX_CLOCK_SKEW_SECONDS = "maxClockSkewSeconds";
  static final String LONG_TERM_KEYS_FILE = "longTermKeysFile";
  static final String MAX_NEW_CONNECTIONS_PER_SECOND = "maxNewConnectionsPerSecond";
  /** MSK's figure for Standard brokers other than kafka.t3.small (4), from its quota page. */
  static final String DEFAULT_NEW_CONNECTIONS_PER_SECOND = "100";
  /**
   * One line per authentication, {@code AUTHENTICATED <principal ARN> until <session end>} or
   * {@code REFUSED <reason>}: what the broker saw, for tests (LocalKafkaBroker reads them from its SASL log).
   */
  private static final Logger LOG = LoggerFactory.getLogger("dev.druidmsk.localmsk.sasl");

  private SignedPayloadVerifier verifier;
  private NewConnectionRate newConnections;
  private Clock clock;

  @Override
  public void configure(
      final Map<String, ?> configs,
      final String saslMechanism,
      final List<AppConfigurationEntry> jaasConfigEntries
  )
  {
    if (jaasConfigEntries.size() != 1) {
      throw new ConfigException("AWS_MSK_IAM needs exactly one JAAS login module entry, with "
                                + MskIamLoginModule.class.getName());
    }
    final Map<String, ?> options = jaasConfigEntries.get(0).getOptions();
    final String keyFile = requiredOption(options, MASTER_KEY_FILE);
    final SessionCredentialAuthority authority;
    try {
      authority = SessionCredentialAuthority.fromMasterKeyFile(Path.of(keyFile));
    }
    catch (IOException e) {
      throw new KafkaException("Cannot read the local STS master key from " + keyFile, e);
    }
    final String usersFile = optionOrDefault(options, LONG_TERM_KEYS_FILE, null);
    final LongTermKeys longTermKeys;
    try {
      longTermKeys = usersFile == null ? LongTermKeys.none() : LongTermKeys.read(Path.of(usersFile));
    }
    catch (IOException e) {
      throw new KafkaException("Cannot read the IAM users' keys from " + usersFile, e);
    }
    final Set<String> hosts = Arrays.stream(optionOrDefault(options, HOSTS, "localhost").split(","))
                                    .map(String::trim)
                                    .filter(host -> !host.isEmpty())
                                    .collect(Collectors.toSet());
    final Duration skew = Duration.ofSeconds(Long.parseLong(optionOrDefault(options, MAX_CLOCK_SKEW_SECONDS, "300")));
    clock = Clock.systemUTC();
    verifier = new SignedPayloadVerifier(authority, longTermKeys, requiredOption(options, REGION), hosts, skew, clock);
    newConnections = NewConnectionRate.ofBroker(Integer.parseInt(
        optionOrDefault(options, MAX_NEW_CONNECTIONS_PER_SECOND, DEFAULT_NEW_CONNECTIONS_PER_SECOND)
    ));
  }

  @Override
  public void handle(final Callback[] callbacks) throws UnsupportedCallbackException
  {
    for (Callback callback : callbacks) {
      if (!(callback instanceof MskIamAuthenticateCallback)) {
        throw new UnsupportedCallbackException(callback);
      }
      final MskIamAuthenticateCallback authenticate = (MskIamAuthenticateCallback) callback;
      final BrokerSession session;
      try {
        if (!newConnections.admit(clock.instant())) {
          throw new SaslAuthenticationException("[" + UUID.randomUUID() + "]: Too many connects");
        }
        session = verifier.verify(authenticate.payload());
      }
      catch (SaslAuthenticationException e) {
        LOG.info("REFUSED {}", e.getMessage());
        throw e;
      }
      LOG.info("AUTHENTICATED {} until {}", session.principalArn(), session.end());
      authenticate.authenticated(session);
    }
  }

  @Override
  public void close()
  {
  }

  private static String requiredOption(final Map<String, ?> options, final String name)
  {
    final Object value = options.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException("The AWS_MSK_IAM JAAS config of this listener lacks the option " + name);
    }
    return value.toString();
  }

  private static String optionOrDefault(final Map<String, ?> options, final String name, final String fallback)
  {
    final Object value = options.get(name);
    return value == null ? fallback : value.toString();
  }
}
