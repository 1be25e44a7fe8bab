package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.CliContext;
import dev.druidmsk.cli.OverlordClient;
import dev.druidmsk.cli.OverlordOptions;
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

  DruidApi connect(CliContext context)
  {
    final OverlordClient overlordClient = overlord.connect(context);
    return new DruidApi(overlordClient, brokerUrl(context) == null ? new DruidSql(overlordClient) : sql(context));
  }

  /** SQL only: the Broker, or the --overlord URL when that is a Router. */
  DruidSql sql(CliContext context)
  {
    final String url = brokerUrl(context);
    return new DruidSql(url == null ? overlord.connect(context) : overlord.connect(context, url, "--broker"));
  }

  private String brokerUrl(CliContext context)
  {
    return broker != null ? broker : context.env(ENV_BROKER);
  }
}
