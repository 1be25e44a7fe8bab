package dev.druidmsk.scale;

import dev.druidmsk.localstack.testing.ReaderStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AssumeRole calls per hour for 1, 10 and 50 consumers of one role in one JVM, the library's per-client handler
 * against the shared credential cache. Prints numbers, asserts no timing. Run it with
 * {@code -Dit.test=AssumeRoleBenchmarkIT -Ddruidmsk.benchmark=true} (about 4 minutes).
 *
 * <p>Measured over a short window with credentials that live {@link #CREDENTIAL_LIFETIME} and a broker that
 * re-authenticates every connection once per refresh period, so each per-client consumer needs new credentials
 * about once per period, as it does with real credentials. The hourly figure extrapolates the calls per refresh
 * period to AWS's default one-hour role session, refreshed 5 minutes before expiry by both the AWS SDK and the
 * shared cache: one refresh per 55 minutes.
 */
@EnabledIfSystemProperty(named = "druidmsk.benchmark", matches = "true")
class AssumeRoleBenchmarkIT
{
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(10);
  private static final Duration REFRESH_PERIOD = CREDENTIAL_LIFETIME.dividedBy(2);
  private static final Duration WINDOW = Duration.ofSeconds(30);
  private static final double REFRESHES_PER_HOUR_WITH_ONE_HOUR_SESSIONS = 60.0 / 55.0;
  private static final int[] CONSUMERS = {1, 10, 50};

  @Test
  void assumeRoleCallsPerHour() throws Exception
  {
    final List<String> rows = new ArrayList<>();
    try (ReaderStack stack = ReaderStack.start(
        AssumeRoleBenchmarkIT.class,
        msk -> msk.credentialLifetime(CREDENTIAL_LIFETIME).broker(broker -> broker.reauthentication(REFRESH_PERIOD))
    )) {
      for (int consumers : CONSUMERS) {
        for (String cache : List.of("per-client", "shared")) {
          final ScaleRun run = ScaleRun.measure(stack, cache, consumers, WINDOW);
          assertThat(run.reports).allSatisfy(report -> assertThat(report.failures).isZero());
          rows.add(row(run));
        }
      }
    }
    System.out.println("AssumeRoleBenchmarkIT: credential lifetime " + CREDENTIAL_LIFETIME.toSeconds()
                       + " s, refresh period " + REFRESH_PERIOD.toSeconds() + " s, window "
                       + WINDOW.toSeconds() + " s");
    System.out.println("| consumers | credentialCache | AssumeRole in window | per refresh period | per hour at "
                       + CREDENTIAL_LIFETIME.toSeconds() + " s credentials | per hour at 1 h credentials |");
    System.out.println("|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  private static String row(ScaleRun run)
  {
    final double periods = (double) WINDOW.toMillis() / REFRESH_PERIOD.toMillis();
    final double perPeriod = run.assumeRoles / periods;
    final double perHourMeasured = run.assumeRoles * 3600.0 / WINDOW.toSeconds();
    return String.format(
        "| %d | %s | %d | %.1f | %.0f | %.1f |",
        run.consumers,
        run.credentialCache,
        run.assumeRoles,
        perPeriod,
        perHourMeasured,
        perPeriod * REFRESHES_PER_HOUR_WITH_ONE_HOUR_SESSIONS
    );
  }
}
