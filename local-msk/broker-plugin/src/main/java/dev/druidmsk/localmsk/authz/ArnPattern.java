package dev.druidmsk.localmsk.authz;

import java.util.ArrayList;
import java.util.List;

/**
 * A Resource element of a policy: {@code *}, or an ARN whose segments may hold wildcards. As in IAM, the wildcards of
 * a segment stay in that segment: {@code arn:aws:kafka:*:*:topic/other/*} matches no topic ARN of another cluster,
 * however the region's {@code *} might stretch over colons.
 */
final class ArnPattern
{
  /** partition, service, region, account: the segments before the resource part. */
  private static final int HEAD_SEGMENTS = 5;

  private final String source;
  private final List<GlobPattern> head;
  private final GlobPattern resource;

  private ArnPattern(final String source, final List<GlobPattern> head, final GlobPattern resource)
  {
    this.source = source;
    this.head = head;
    this.resource = resource;
  }

  /** {@code pattern} is {@code *} or has all six ARN segments (checked by {@link IamPolicy}). */
  static ArnPattern of(final String pattern)
  {
    if ("*".equals(pattern)) {
      return new ArnPattern(pattern, List.of(), GlobPattern.caseSensitive("*"));
    }
    final String[] segments = pattern.split(":", HEAD_SEGMENTS + 1);
    final List<GlobPattern> head = new ArrayList<>();
    for (int i = 0; i < HEAD_SEGMENTS; i++) {
      head.add(GlobPattern.caseSensitive(segments[i]));
    }
    return new ArnPattern(pattern, List.copyOf(head), GlobPattern.caseSensitive(segments[HEAD_SEGMENTS]));
  }

  boolean matches(final String arn)
  {
    final String[] segments = arn.split(":", HEAD_SEGMENTS + 1);
    return segments.length == HEAD_SEGMENTS + 1 && headMatches(segments)
           && resource.matches(segments[HEAD_SEGMENTS]);
  }

  /**
   * The pattern of the resource part, for ARNs whose head segments are those of {@code arn}; none when the head does
   * not match, so that no resource in that account, region and service matches.
   */
  GlobPattern resourcePartFor(final String arn)
  {
    final String[] segments = arn.split(":", HEAD_SEGMENTS + 1);
    return segments.length == HEAD_SEGMENTS + 1 && headMatches(segments) ? resource : null;
  }

  /** The resource part of {@code arn}: what follows the fifth colon. */
  static String resourcePart(final String arn)
  {
    return arn.split(":", HEAD_SEGMENTS + 1)[HEAD_SEGMENTS];
  }

  private boolean headMatches(final String[] segments)
  {
    for (int i = 0; i < head.size(); i++) {
      if (!head.get(i).matches(segments[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString()
  {
    return source;
  }
}
