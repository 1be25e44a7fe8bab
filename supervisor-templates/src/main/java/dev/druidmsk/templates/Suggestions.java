package dev.druidmsk.templates;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean" for misspelled names. */
public final class Suggestions
{
  private static final int MAX_DISTANCE = 3;

  private Suggestions()
  {
  }

  /** {@code " Did you mean 'x'?"} for the closest known name within a few edits, else {@code "."}. */
  public static String didYouMean(String name, Collection<String> known)
  {
    return known.stream()
                .filter(candidate -> distance(candidate, name) <= MAX_DISTANCE)
                .min(Comparator.comparingInt(candidate -> distance(candidate, name)))
                .map(candidate -> ". Did you mean '" + candidate + "'?")
                .orElse(".");
  }

  /** Case-insensitive Levenshtein distance. */
  static int distance(String first, String second)
  {
    final String a = first.toLowerCase(Locale.ROOT);
    final String b = second.toLowerCase(Locale.ROOT);
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      final int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
