package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.OverlordOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  Cluster connect(CliContext context)
  {
    final DruidClient overlordClient = overlord.connect(context);
    return new Cluster(overlordClient, brokerUrl(context) == null ? overlordClient : broker(context));
  }

  /** SQL only: the Broker, or the --overlord URL when that is a Router. */
  DruidClient broker(CliContext context)
  {
    final String url = brokerUrl(context);
    return url == null ? overlord.connect(context) : overlord.connect(context, url, "--broker");
  }

  private String brokerUrl(CliContext context)
  {
    return broker != null ? broker : context.env(ENV_BROKER);
  }
}
