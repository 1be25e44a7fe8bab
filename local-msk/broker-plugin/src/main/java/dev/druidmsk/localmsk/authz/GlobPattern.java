package dev.druidmsk.localmsk.authz;

import java.util.BitSet;
import java.util.Locale;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (none included), {@code ?} exactly one, every other
 * character itself. IAM compares actions case-insensitively and resource ARNs case-sensitively.
 *
 * <p>Besides plain matching it exposes its matcher as a set of pattern positions that can be advanced one character at
 * a time, so that {@link IamPolicyEvaluator} can ask whether <em>some</em> resource under an ARN prefix is allowed
 * without enumerating resources.
 */
final class GlobPattern
{
  private final String source;
  private final String pattern;
  private final boolean ignoreCase;

  private GlobPattern(final String source, final boolean ignoreCase)
  {
    this.source = source;
    this.pattern = ignoreCase ? source.toLowerCase(Locale.ROOT) : source;
    this.ignoreCase = ignoreCase;
  }

  static GlobPattern caseSensitive(final String pattern)
  {
    return new GlobPattern(pattern, false);
  }

  static GlobPattern caseInsensitive(final String pattern)
  {
    return new GlobPattern(pattern, true);
  }

  boolean matches(final String text)
  {
    return accepts(advance(start(), text));
  }

  /** The positions reached before any character is read. */
  BitSet start()
  {
    final BitSet positions = new BitSet(pattern.length() + 1);
    positions.set(0);
    return closure(positions);
  }

  BitSet advance(final BitSet positions, final String text)
  {
    BitSet current = positions;
    for (int i = 0; i < text.length() && !current.isEmpty(); i++) {
      current = advance(current, text.charAt(i));
    }
    return current;
  }

  BitSet advance(final BitSet positions, final char c)
  {
    final char ch = ignoreCase ? Character.toLowerCase(c) : c;
    final BitSet next = new BitSet(pattern.length() + 1);
    for (int p = positions.nextSetBit(0); p >= 0 && p < pattern.length(); p = positions.nextSetBit(p + 1)) {
      final char want = pattern.charAt(p);
      if (want == '*') {
        next.set(p);
      } else if (want == '?' || want == ch) {
        next.set(p + 1);
      }
    }
    return closure(next);
  }

  boolean accepts(final BitSet positions)
  {
    return positions.get(pattern.length());
  }

  /** The characters this pattern treats specially by value: every other character behaves like any other. */
  String literals()
  {
    return pattern.replace("*", "").replace("?", "");
  }

  @Override
  public String toString()
  {
    return source;
  }

  /** A {@code *} may match nothing, so being before it is also being after it. */
  private BitSet closure(final BitSet positions)
  {
    for (int p = positions.nextSetBit(0); p >= 0 && p < pattern.length(); p = positions.nextSetBit(p + 1)) {
      if (pattern.charAt(p) == '*') {
        positions.set(p + 1);
      }
    }
    return positions;
  }
}
