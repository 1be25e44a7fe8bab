package dev.druidmsk.cli.spec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest
{
  private static List<String> numbered(int from, int to)
  {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.toList());
  }

  @Test
  void equalTextsGiveAnEmptyDiff()
  {
    assertThat(UnifiedDiff.of(numbered(1, 5), numbered(1, 5), "a", "b")).isEmpty();
  }

  @Test
  void aChangedLineIsShownWithThreeLinesOfContext()
  {
    final List<String> after = numbered(1, 10);
    after.set(4, "line five");
    assertThat(UnifiedDiff.of(numbered(1, 10), after, "live", "local")).isEqualTo(
        "--- live\n+++ local\n"
        + "@@ -2,7 +2,7 @@\n"
        + " line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n"
    );
  }

  @Test
  void distantChangesMakeSeparateHunks()
  {
    final List<String> after = numbered(1, 20);
    after.set(1, "second");
    after.set(17, "eighteenth");
    final String diff = UnifiedDiff.of(numbered(1, 20), after, "a", "b");
    assertThat(diff).contains("@@ -1,5 +1,5 @@\n").contains("@@ -15,6 +15,6 @@\n");
  }

  @Test
  void insertionIntoAnEmptyTextNumbersTheRangeFromZero()
  {
    assertThat(UnifiedDiff.of(List.of(), List.of("{", "}"), "a", "b")).isEqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+{\n+}\n");
  }

  @Test
  void removalsComeBeforeAdditionsInAChange()
  {
    final String diff = UnifiedDiff.of(List.of("x", "old", "y"), List.of("x", "new", "y"), "a", "b");
    assertThat(diff).contains("-old\n+new\n");
  }
}
