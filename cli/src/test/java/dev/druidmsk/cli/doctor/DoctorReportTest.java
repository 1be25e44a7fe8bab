package dev.druidmsk.cli.doctor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorReportTest
{
  private static final CheckResult PASSED = CheckResult.pass("network.dns", "all 1 bootstrap brokers resolve",
                                                             List.of("b-1 -> [10.0.0.1]"));
  private static final CheckResult WARNED = CheckResult.warn("credentials.lifetime", "the role session lasts only 9 min",
                                                             List.of("session expires in 9 min"), "raise MaxSessionDuration");
  private static final CheckResult FAILED = CheckResult.fail("kafka.fetch", "the role lacks kafka-cluster:ReadData",
                                                             List.of("TopicAuthorizationException"), "grant ReadData");
  private static final CheckResult SKIPPED = CheckResult.skip("kafka.consumer-group", "skipped: fetch failed");

  @Test
  void onlyPassesExitZero()
  {
    assertThat(report(PASSED, PASSED).exitCode()).isEqualTo(DoctorReport.EXIT_OK).isZero();
  }

  @Test
  void aWarningWithoutFailureExitsOne()
  {
    assertThat(report(PASSED, WARNED).exitCode()).isEqualTo(DoctorReport.EXIT_WARNINGS).isEqualTo(1);
  }

  @Test
  void anyFailureExitsTwoWhateverElseHappened()
  {
    assertThat(report(PASSED, WARNED, FAILED, SKIPPED).exitCode()).isEqualTo(DoctorReport.EXIT_FAILURES).isEqualTo(2);
  }

  @Test
  void textGroupsChecksAndIndentsEvidenceAndFix()
  {
    final String text = report(PASSED, FAILED).toText();

    assertThat(text).contains(
        "network\n  PASS  network.dns",
        "\nkafka\n  FAIL  kafka.fetch",
        "          TopicAuthorizationException\n          fix: grant ReadData\n"
    );
  }

  @Test
  void textEndsWithTheVerdictAndCounts()
  {
    assertThat(report(PASSED, WARNED, FAILED, SKIPPED).toText())
        .endsWith("not ready: 1 passed, 1 warnings, 1 failed, 1 skipped (1.5 s)\n");
  }

  @Test
  void passedChecksHaveNoFixLine()
  {
    assertThat(report(PASSED).toText()).doesNotContain("fix:").contains("ready: 1 passed");
  }

  @Test
  void jsonCarriesEveryFieldOfEveryCheck()
  {
    final ObjectNode json = report(WARNED, FAILED).toJson();

    assertThat(json.path("verdict").asText()).isEqualTo("not ready");
    assertThat(json.path("exitCode").asInt()).isEqualTo(2);
    assertThat(json.path("wallTimeMs").asLong()).isEqualTo(1500);
    assertThat(json.path("checks").get(1).path("name").asText()).isEqualTo("kafka.fetch");
    assertThat(json.path("checks").get(1).path("status").asText()).isEqualTo("FAIL");
    assertThat(json.path("checks").get(1).path("evidence").get(0).asText()).isEqualTo("TopicAuthorizationException");
    assertThat(json.path("checks").get(1).path("fix").asText()).isEqualTo("grant ReadData");
    assertThat(json.path("checks").get(0).path("summary").asText()).isEqualTo("the role session lasts only 9 min");
  }

  @Test
  void groupIsTheNameBeforeTheFirstDot()
  {
    assertThat(FAILED.group()).isEqualTo("kafka");
  }

  private static DoctorReport report(CheckResult... checks)
  {
    return new DoctorReport(List.of(checks), Duration.ofMillis(1500));
  }
}
