package dev.druidmsk.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `druid-msk migrate` as a user types it: help, dry runs and errors that need no Druid. */
class MigrateCommandLineTest
{
  private final Cli cli = new Cli();

  @Test
  void migrateHelpListsPlanBackfillAndParity()
  {
    final Cli.Result help = cli.run("migrate", "--help");
    assertThat(help.exitCode).isZero();
    assertThat(help.out).contains("plan").contains("backfill").contains("parity");
  }

  @Test
  void everySubcommandHasHelpWithAnExample()
  {
    for (String command : new String[]{"plan", "backfill", "parity"}) {
      final Cli.Result help = cli.run("migrate", command, "--help");
      assertThat(help.exitCode).as(command).isZero();
      assertThat(help.out).as(command).contains("Example").contains("Exit code");
    }
  }

  @Test
  void parityDryRunPrintsTheSqlForBothDatasources()
  {
    final Cli.Result dry = cli.run(
        "migrate", "parity", "--source", "legacy", "--target", "kafka",
        "--interval", "2026-11-19T00:00:00Z/2026-11-21T00:00:00Z", "--count-metric", "requests",
        "--metric", "bytes_sum", "--distinct", "service", "--dry-run"
    );
    assertThat(dry.exitCode).as("%s", dry).isZero();
    assertThat(dry.out)
        .contains("SELECT TIME_FLOOR(__time, 'P1D') AS \"bucket\", SUM(\"requests\") AS \"m0\", SUM(\"bytes_sum\") AS \"m1\", "
                  + "COUNT(DISTINCT \"service\") AS \"m2\" FROM \"legacy\"")
        .contains("FROM \"kafka\"");
  }

  @Test
  void aToleranceForAnUnknownMeasureIsRefused()
  {
    final Cli.Result result = cli.run(
        "migrate", "parity", "--source", "a", "--target", "b", "--interval", "2026-11-19T00:00:00Z/2026-11-20T00:00:00Z",
        "--metric", "bytes_sum", "--tolerance", "byte_sum=0.01", "--dry-run"
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--tolerance byte_sum: no such measure");
  }

  @Test
  void aMalformedIntervalIsRefusedWithTheExpectedForm()
  {
    final Cli.Result result = cli.run(
        "migrate", "parity", "--source", "a", "--target", "b", "--interval", "yesterday", "--dry-run"
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("START/END");
  }

  @Test
  void aMalformedCutoffIsRefusedBeforeDruidIsAsked()
  {
    final Cli.Result result = cli.run(
        "migrate", "plan", "--overlord", "http://127.0.0.1:9", "--source", "a", "--target", "b", "--cutoff", "noon"
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--cutoff 'noon' is not an ISO-8601 UTC instant");
  }

  @Test
  void anUnreachableDruidIsNamedWithTheOptionToCheck()
  {
    final Cli.Result result = cli.run(
        "migrate", "backfill", "--overlord", "http://127.0.0.1:9", "--source", "a", "--target", "b",
        "--cutoff", "2026-11-20T00:00:00Z", "--connect-timeout", "2s", "--request-timeout", "1s"
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Cannot connect to http://127.0.0.1:9: check --overlord");
  }
}
