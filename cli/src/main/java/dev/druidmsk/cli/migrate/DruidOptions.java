package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.CliContext;
import dev.druidmsk.cli.CliException;
import dev.druidmsk.cli.OverlordClient;
import dev.druidmsk.cli.OverlordOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;

/** The Overlord (supervisors, segments, tasks) and the Broker (SQL) of the cluster a migration runs in. */
final class DruidOptions
{
  static final String ENV_BROKER = "DRUID_MSK_BROKER";

  @Mixin
  private OverlordOptions overlord;

  @Option(
      names = "--broker",
      paramLabel = "URL",
      description = "Broker or Router base URL for Druid SQL (default: env " + ENV_BROKER + ", else the --overlord "
                    + "URL, right when that is a Router). Same credentials and truststore."
  )
  private String broker;

  DruidApi connect(CliContext context)
  {
    final OverlordClient overlordClient = overlord.connect(context);
    final String brokerUrl = broker != null ? broker : context.env(ENV_BROKER);
    if (brokerUrl == null) {
      return new DruidApi(overlordClient, overlordClient.forService(overlordClient.base(), "--overlord (used for SQL; or pass --broker)"));
    }
    final URI uri;
    try {
      uri = URI.create(brokerUrl.endsWith("/") ? brokerUrl.substring(0, brokerUrl.length() - 1) : brokerUrl);
    }
    catch (IllegalArgumentException e) {
      throw new CliException("--broker is not a URL: write it as https://host:port");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null) {
      throw new CliException("--broker must be a base URL like https://host:8282, without credentials or query");
    }
    return new DruidApi(overlordClient, overlordClient.forService(uri, "--broker"));
  }
}
