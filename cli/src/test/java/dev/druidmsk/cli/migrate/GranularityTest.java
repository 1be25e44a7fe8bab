package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GranularityTest
{
  private static final Instant WEDNESDAY_AFTERNOON = Instant.parse("2026-11-25T14:37:12.345Z");

  @Test
  void hourFloorsAndCeilsToTheHour()
  {
    final Granularity hour = Granularity.parse("HOUR");
    assertThat(hour.floor(WEDNESDAY_AFTERNOON)).isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
    assertThat(hour.ceil(WEDNESDAY_AFTERNOON)).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));
  }

  @Test
  void ceilKeepsAnInstantOnABoundary()
  {
    final Instant boundary = Instant.parse("2026-11-25T00:00:00Z");
    assertThat(Granularity.parse("DAY").ceil(boundary)).isEqualTo(boundary);
  }

  @Test
  void fifteenMinutesAlignToTheQuarterHour()
  {
    assertThat(Granularity.parse("FIFTEEN_MINUTE").floor(WEDNESDAY_AFTERNOON))
        .isEqualTo(Instant.parse("2026-11-25T14:30:00Z"));
  }

  @Test
  void weeksStartOnMondayAsInDruid()
  {
    assertThat(Granularity.parse("WEEK").floor(WEDNESDAY_AFTERNOON)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
  }

  @Test
  void monthsAndQuartersFollowTheCalendar()
  {
    assertThat(Granularity.parse("MONTH").ceil(WEDNESDAY_AFTERNOON)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(Granularity.parse("QUARTER").floor(WEDNESDAY_AFTERNOON)).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(Granularity.parse("P1Y").next(Instant.parse("2026-01-01T00:00:00Z")))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void namesAndPeriodObjectsOfSupervisorSpecsAreRead() throws Exception
  {
    final ObjectMapper json = new ObjectMapper();
    assertThat(Granularity.fromSpec(json.readTree("\"hour\""))).isEqualTo(Granularity.parse("PT1H"));
    assertThat(Granularity.fromSpec(json.readTree("{\"type\":\"period\",\"period\":\"PT6H\"}")))
        .isEqualTo(Granularity.parse("SIX_HOUR"));
    assertThat(Granularity.fromSpec(json.readTree("{\"type\":\"day\"}"))).isEqualTo(Granularity.parse("P1D"));
  }

  @Test
  void aPeriodWithAnotherTimeZoneIsRefused()
  {
    assertThatThrownBy(() -> Granularity.fromSpec(new ObjectMapper().readTree(
        "{\"type\":\"period\",\"period\":\"P1D\",\"timeZone\":\"America/Los_Angeles\"}"
    ))).hasMessageContaining("UTC only");
  }

  @Test
  void aPeriodThatDoesNotDivideADayIsRefusedWithTheAcceptedForms()
  {
    assertThatThrownBy(() -> Granularity.parse("PT7M")).hasMessageContaining("PT15M");
    assertThatThrownBy(() -> Granularity.parse("fortnight")).hasMessageContaining("HOUR, DAY");
  }

  @Test
  void bisectionGoesDayHourMinute()
  {
    assertThat(Granularity.parse("P1M").finer()).isEqualTo(Granularity.parse("P1D"));
    assertThat(Granularity.parse("P1D").finer()).isEqualTo(Granularity.parse("PT1H"));
    assertThat(Granularity.parse("PT6H").finer()).isEqualTo(Granularity.parse("PT1H"));
    assertThat(Granularity.parse("PT1H").finer()).isEqualTo(Granularity.parse("PT1M"));
    assertThat(Granularity.parse("PT1S").finer()).isNull();
  }
}
