package dev.druidmsk.localmsk.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.NodeIdentity;
import dev.druidmsk.localmsk.broker.BrokerHosts;
import dev.druidmsk.localmsk.broker.LocalKafkaBroker;
import dev.druidmsk.localmsk.sts.StsHosts;
import dev.druidmsk.localmsk.iam.PrivateFiles;
import dev.druidmsk.localmsk.sts.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE}: what a client or a test needs to reach a running local-msk, secrets excepted (the base user's
 * secret key is only in the credentials files it names).
 */
final class Endpoints
{
  static final String FILE = "endpoints.json";
  static final String AWS_ENV = "aws.env";
  static final String AWS_CREDENTIALS = "aws-credentials";
  static final String CLIENT_PROPERTIES = "client.properties";
  static final String CLIENT_SSL_PROPERTIES = "client-ssl.properties";
  /** With several brokers: the hosts file that resolves their advertised names, for -Djdk.net.hosts.file. */
  static final String HOSTS = "hosts";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Endpoints()
  {
  }

  /**
   * Writes the base user's credentials files, with several brokers the {@value #HOSTS} file, then {@value #FILE}
   * (last: its presence means everything is ready).
   */
  static void write(final LocalMsk msk, final Path workDir, final boolean authorization) throws IOException
  {
    if (clustered(msk)) {
      BrokerHosts.of(msk.cluster())
                 .alsoOnLocalhost(StsHosts.names(List.of(msk.broker().region())))
                 .write(workDir.resolve(HOSTS));
    }
    final Map<String, String> aws = msk.awsSystemProperties();
    PrivateFiles.write(workDir.resolve(AWS_ENV), String.join(
        "\n",
        "export AWS_ENDPOINT_URL_STS=" + aws.get("aws.endpointUrlSts"),
        "export AWS_REGION=" + aws.get("aws.region"),
        "export AWS_ACCESS_KEY_ID=" + aws.get("aws.accessKeyId"),
        "export AWS_SECRET_ACCESS_KEY=" + aws.get("aws.secretAccessKey"),
        ""
    ));
    PrivateFiles.write(workDir.resolve(AWS_CREDENTIALS), String.join(
        "\n",
        "[default]",
        "aws_access_key_id = " + aws.get("aws.accessKeyId"),
        "aws_secret_access_key = " + aws.get("aws.secretAccessKey"),
        ""
    ));
    PrivateFiles.replaceAtomically(
        workDir.resolve(FILE),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document(msk, workDir, authorization)) + '\n'
    );
  }

  /** At stop: a stale {@value #FILE} would send clients to ports nothing listens on. */
  static void remove(final Path workDir)
  {
    try {
      Files.deleteIfExists(workDir.resolve(FILE));
    }
    catch (IOException e) {
      // The next start replaces it.
    }
  }

  static ObjectNode document(final LocalMsk msk, final Path workDir, final boolean authorization)
  {
    final ObjectNode root = JSON.createObjectNode();
    root.put("clusterArn", msk.clusterArn());
    root.put("region", msk.broker().region());
    root.put("authorization", authorization ? "iam-policies" : "off");
    if (authorization) {
      root.put("policiesFile", workDir.resolve(LocalMsk.POLICIES_FILE).toString());
    }
    final ArrayNode listeners = root.putArray("listeners");
    listeners.addObject()
             .put("bootstrapServers", msk.cluster().saslPlaintextBootstrap())
             .put("securityProtocol", "SASL_PLAINTEXT")
             .put("saslMechanism", "AWS_MSK_IAM")
             .put("clientProperties", workDir.resolve(CLIENT_PROPERTIES).toString());
    listeners.addObject()
             .put("bootstrapServers", msk.broker().saslSslBootstrap())
             .put("securityProtocol", "SASL_SSL")
             .put("saslMechanism", "AWS_MSK_IAM")
             .put("truststore", msk.broker().tls().truststore().toString())
             .put("truststoreType", "PKCS12")
             .put("clientProperties", workDir.resolve(CLIENT_SSL_PROPERTIES).toString());
    listeners.addObject()
             .put("bootstrapServers", msk.cluster().internalBootstrap())
             .put("securityProtocol", "PLAINTEXT")
             .put("purpose", "test setup only: unauthenticated, and a super user when authorization is on; "
                             + "MSK has no such listener");
    if (clustered(msk)) {
      root.put("hostsFile", workDir.resolve(HOSTS).toString());
      final ArrayNode brokers = root.putArray("brokers");
      for (LocalKafkaBroker broker : msk.cluster().brokers()) {
        brokers.addObject()
               .put("id", broker.node().id())
               .put("advertised", broker.advertisedSaslSsl())
               .put("endpointAddress", broker.node().endpointAddress());
      }
    }
    final ObjectNode sts = root.putObject("sts");
    sts.put("endpoint", msk.sts().endpoint().toString());
    final ArrayNode roles = root.putArray("roles");
    for (Role role : msk.roles()) {
      final ObjectNode entry = roles.addObject().put("arn", role.arn());
      entry.put("externalIdRequired", role.externalId().isPresent());
      role.externalId().ifPresent(id -> entry.put("externalId", id));
    }
    final ObjectNode nodes = root.putObject("nodeIdentities");
    nodes.put("roleArn", LocalMsk.NODE_ROLE_ARN);
    for (NodeIdentity kind : List.of(NodeIdentity.IRSA, NodeIdentity.POD_IDENTITY, NodeIdentity.INSTANCE_PROFILE)) {
      final ObjectNode properties = nodes.putObject(kind.name());
      msk.nodeSystemProperties(kind).forEach(properties::put);
    }
    root.putObject("baseUser")
        .put("arn", msk.user().arn())
        .put("accessKeyId", msk.user().accessKeyId())
        .put("credentialsFile", workDir.resolve(AWS_CREDENTIALS).toString())
        .put("envFile", workDir.resolve(AWS_ENV).toString());
    root.put("pid", ProcessHandle.current().pid());
    return root;
  }

  static boolean clustered(final LocalMsk msk)
  {
    return msk.cluster().brokers().size() > 1;
  }
}
