package dev.druidmsk.localmsk.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScopedSystemPropertiesTest
{
  private static final String NAME = "druidmsk.scoped.test";

  @AfterEach
  void clear()
  {
    System.clearProperty(NAME);
  }

  @Test
  void overlappingScopesClosedInTheOrderTheyOpenedLeaveNothingBehind()
  {
    final ScopedSystemProperties first = ScopedSystemProperties.set(Map.of(NAME, "first"));
    final ScopedSystemProperties second = ScopedSystemProperties.set(Map.of(NAME, "second"));

    first.close();
    assertThat(System.getProperty(NAME)).isEqualTo("second");
    second.close();

    assertThat(System.getProperty(NAME)).isNull();
  }

  @Test
  void nestedScopesPutEachOuterValueBack()
  {
    System.setProperty(NAME, "before");
    try (ScopedSystemProperties outer = ScopedSystemProperties.set(Map.of(NAME, "outer"))) {
      try (ScopedSystemProperties inner = new ScopedSystemProperties().remove(NAME)) {
        assertThat(System.getProperty(NAME)).isNull();
      }
      assertThat(System.getProperty(NAME)).isEqualTo("outer");
    }
    assertThat(System.getProperty(NAME)).isEqualTo("before");
  }
}
