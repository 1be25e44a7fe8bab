package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.sasl.MskIamCallbackHandler;
import dev.druidmsk.localmsk.sasl.MskIamLoginModule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KRaft server.properties of a local broker: a combined broker and controller (or, in a cluster, a broker-only
 * node of the controller's quorum) on loopback, with PLAINTEXT internal and controller listeners and two listeners
 * (SASL_PLAINTEXT, SASL_SSL) that accept only AWS_MSK_IAM. The SASL_SSL listener is the broker's endpoint
 * ({@link BrokerNode}): its own address and advertised name. On request, MSK's two other client listeners beside
 * it, on the same address and certificate: TLS (SSL, no client authentication) and SCRAM (SASL_SSL, SCRAM-SHA-512).
 */
final class ServerProperties
{
  static final String IAM = "IAM";
  static final String IAM_TLS = "IAM_TLS";
  static final String INTERNAL = "INTERNAL";
  static final String CONTROLLER = "CONTROLLER";
  static final String TLS = "TLS";
  static final String SCRAM = "SCRAM";
  static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
  /** The host of the SASL_PLAINTEXT listener, which clients see and sign for. */
  static final String ADVERTISED_HOST = BrokerNode.LOCALHOST;
  /** local-msk's authorizer (in the broker plugin): every request of an IAM principal by IAM policy, as MSK does. */
  static final String IAM_AUTHORIZER = "dev.druidmsk.localmsk.authz.MskIamAuthorizer";
  /** The file of {@link IamPolicies}, which the authorizer reads again whenever it changes. */
  static final String POLICIES_FILE = "druidmsk.authz.policies.file";
  /** The cluster's ARN, the root of the topic, group and transactional-id ARNs policies name. */
  static final String CLUSTER_ARN = "druidmsk.authz.cluster.arn";
  /** The broker's log4j log, under its log directory: everything but the SASL lines. */
  static final String SERVER_LOG = "server.log";
  /** The broker's SASL authentication log, under its log directory. */
  static final String SASL_LOG = "sasl-authentication.log";
  private static final String IAM_VERDICT_LOGGER = "dev.druidmsk.localmsk.sasl";
  private static final String SASL_SERVER_LOGGER =
      "org.apache.kafka.common.security.authenticator.SaslServerAuthenticator";

  private ServerProperties()
  {
  }

  static Map<String, String> render(final BrokerConfig config, final BrokerPorts ports, final TlsMaterial tls)
  {
    final Map<String, String> properties = new TreeMap<>();
    final BrokerNode node = config.node;
    final boolean controller = config.kraft == null || config.kraft.isController(node);
    properties.put("process.roles", controller ? "broker,controller" : "broker");
    properties.put("node.id", Integer.toString(node.id()));
    properties.put("controller.quorum.voters", config.kraft == null
                                               ? node.id() + "@127.0.0.1:" + ports.controller()
                                               : config.kraft.voters());
    properties.put("controller.listener.names", CONTROLLER);
    properties.put("inter.broker.listener.name", INTERNAL);
    final List<String> listeners = new ArrayList<>(List.of(
        IAM + "://127.0.0.1:" + ports.saslPlaintext(),
        IAM_TLS + "://" + node.endpointAddress() + ':' + ports.saslSsl(),
        INTERNAL + "://127.0.0.1:" + ports.internal()
    ));
    final List<String> advertised = new ArrayList<>(List.of(
        IAM + "://" + ADVERTISED_HOST + ':' + ports.saslPlaintext(),
        IAM_TLS + "://" + node.advertisedHost() + ':' + ports.saslSsl(),
        INTERNAL + "://127.0.0.1:" + ports.internal()
    ));
    final List<String> protocols = new ArrayList<>(List.of(
        IAM + ":SASL_PLAINTEXT",
        IAM_TLS + ":SASL_SSL",
        INTERNAL + ":PLAINTEXT",
        CONTROLLER + ":PLAINTEXT"
    ));
    final List<String> tlsListeners = new ArrayList<>(List.of(IAM_TLS));
    final Map<String, Integer> mskListeners = new TreeMap<>();
    if (config.tlsListener) {
      mskListeners.put(TLS, ports.ssl());
      protocols.add(TLS + ":SSL");
    }
    if (config.scramListener) {
      mskListeners.put(SCRAM, ports.scram());
      protocols.add(SCRAM + ":SASL_SSL");
      properties.put("listener.name." + SCRAM.toLowerCase() + ".sasl.enabled.mechanisms", SCRAM_MECHANISM);
      properties.put("listener.name." + SCRAM.toLowerCase() + '.' + SCRAM_MECHANISM.toLowerCase() + ".sasl.jaas.config",
                     "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }
    mskListeners.forEach((name, port) -> {
      listeners.add(name + "://" + node.endpointAddress() + ':' + port);
      advertised.add(name + "://" + node.advertisedHost() + ':' + port);
      tlsListeners.add(name);
    });
    if (controller) {
      listeners.add(CONTROLLER + "://127.0.0.1:" + ports.controller());
    }
    properties.put("listeners", String.join(",", listeners));
    properties.put("advertised.listeners", String.join(",", advertised));
    properties.put("listener.security.protocol.map", String.join(",", protocols));
    properties.put("log.dirs", config.workDir.resolve("data").toString());
    properties.put("num.partitions", "1");
    properties.put("auto.create.topics.enable", "false");
    properties.put("offsets.topic.replication.factor", "1");
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    properties.put("group.initial.rebalance.delay.ms", "0");
    properties.put("log.retention.check.interval.ms", "60000");
    if (!config.measurement) {
      // An emulator's broker idles through most of a test. Kafka's defaults (3 network threads per listener, 8 I/O
      // threads, a no-op metadata record every 500 ms) kept one busy 0.029 of a core while idle; these, 0.015.
      properties.put("num.network.threads", "1");
      properties.put("num.io.threads", "2");
      properties.put("metadata.max.idle.interval.ms", "5000");
    }

    // Each listener accepts signatures for the names it is reached by: a client signs the host it connected to.
    final Map<String, List<String>> signedHosts = Map.of(IAM, List.of(ADVERTISED_HOST), IAM_TLS, node.tlsHosts());
    for (String listener : new String[]{IAM, IAM_TLS}) {
      final String prefix = "listener.name." + listener.toLowerCase() + '.';
      properties.put(prefix + "sasl.enabled.mechanisms", "AWS_MSK_IAM");
      properties.put(prefix + "aws_msk_iam.sasl.jaas.config", jaasConfig(config, signedHosts.get(listener)));
      properties.put(prefix + "aws_msk_iam.sasl.server.callback.handler.class", MskIamCallbackHandler.class.getName());
      properties.put(prefix + "aws_msk_iam.connections.max.reauth.ms", Long.toString(config.reauthentication.toMillis()));
      // MSK's own setting for its IAM listeners (listener.name.client_iam.max.connections), Kafka's mechanism.
      properties.put(prefix + "max.connections", Integer.toString(config.maxConnections));
    }
    for (String listener : tlsListeners) {
      final String tlsPrefix = "listener.name." + listener.toLowerCase() + '.';
      properties.put(tlsPrefix + "ssl.keystore.type", "PKCS12");
      properties.put(tlsPrefix + "ssl.keystore.location", tls.keystore().toString());
      properties.put(tlsPrefix + "ssl.keystore.password", tls.keystorePassword());
      properties.put(tlsPrefix + "ssl.key.password", tls.keystorePassword());
    }

    if (config.iamAuthorization != null) {
      properties.put("authorizer.class.name", IAM_AUTHORIZER);
      properties.put(POLICIES_FILE, config.iamAuthorization.policiesFile().toString());
      properties.put(CLUSTER_ARN, config.iamAuthorization.clusterArn());
      // The PLAINTEXT internal and controller listeners authenticate nobody: they are the operator's door. The TLS
      // listener's clients are User:ANONYMOUS too and the SCRAM user is no IAM principal: the authorizer allows
      // both everything, as MSK does for principals of its non-IAM listeners on resources without Kafka ACLs.
      properties.put("super.users", "User:ANONYMOUS");
    }
    return properties;
  }

  static String log4j(final Path logDir)
  {
    return String.join(
        "\n",
        "log4j.rootLogger=INFO, file",
        "log4j.appender.file=org.apache.log4j.FileAppender",
        "log4j.appender.file.File=" + logDir.resolve(SERVER_LOG),
        "log4j.appender.file.Append=true",
        "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n",
        "log4j.logger.kafka.authorizer.logger=INFO",
        // One line per SASL state change, "... during re-authentication" for re-authentications: the broker's
        // own record of them, which LocalKafkaBroker.reauthentications() counts.
        "log4j.logger." + SASL_SERVER_LOGGER + "=DEBUG, sasl",
        "log4j.additivity." + SASL_SERVER_LOGGER + "=false",
        // The AWS_MSK_IAM verdicts (principal and session end, or the refusal), which LocalKafkaBroker reads.
        "log4j.logger." + IAM_VERDICT_LOGGER + "=INFO, sasl",
        "log4j.additivity." + IAM_VERDICT_LOGGER + "=false",
        "log4j.appender.sasl=org.apache.log4j.FileAppender",
        "log4j.appender.sasl.File=" + logDir.resolve(SASL_LOG),
        "log4j.appender.sasl.Append=true",
        "log4j.appender.sasl.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.sasl.layout.ConversionPattern=[%d] %p %m%n",
        ""
    );
  }

  private static String jaasConfig(final BrokerConfig config, final List<String> hosts)
  {
    return MskIamLoginModule.class.getName() + " required"
           + " masterKeyFile=\"" + config.masterKeyFile + '"'
           + " region=\"" + config.region + '"'
           + " hosts=\"" + String.join(",", hosts) + '"'
           + " maxClockSkewSeconds=\"" + config.maxClockSkew.toSeconds() + '"'
           + " maxNewConnectionsPerSecond=\"" + config.maxNewConnectionsPerSecond + '"'
           + (config.longTermKeysFile == null ? "" : " longTermKeysFile=\"" + config.longTermKeysFile + '"')
           + ';';
  }
}
