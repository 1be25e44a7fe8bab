package dev.druidmsk.localmsk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMskMainTest
{
  @Test
  void optionsAreReadAsNameValuePairs()
  {
    assertThat(LocalMskMain.parse(new String[]{"--region", "eu-west-1", "--reauth", "5"}))
        .containsEntry("--region", "eu-west-1")
        .containsEntry("--reauth", "5");
  }

  @Test
  void unknownOptionIsRefused()
  {
    assertThatThrownBy(() -> LocalMskMain.parse(new String[]{"--regoin", "eu-west-1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--regoin");
  }

  @Test
  void optionWithoutAValueIsRefused()
  {
    assertThatThrownBy(() -> LocalMskMain.parse(new String[]{"--work-dir"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing value: --work-dir");
  }
}
