package dev.druidmsk.localmsk.sts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS STS's endpoint host names, which the local STS serves once a JVM resolves them to 127.0.0.1 (a hosts file,
 * {@code -Djdk.net.hosts.file}): the global {@code sts.amazonaws.com} (signed for us-east-1), regional
 * {@code sts.REGION.amazonaws.com} and FIPS {@code sts-fips.REGION.amazonaws.com}. A request sent to one of them must
 * be signed for its region, as AWS checks.
 */
public final class StsHosts
{
  public static final String GLOBAL = "sts.amazonaws.com";
  /** The region requests to the global endpoint are signed for (AWS SDKs' {@code aws-global}). */
  static final String GLOBAL_SIGNING_REGION = "us-east-1";
  /** The AWS SDKs' pseudo-region for the global endpoint. */
  static final String SDK_GLOBAL_REGION = "aws-global";
  private static final Pattern REGIONAL = Pattern.compile("sts(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com");

  private StsHosts()
  {
  }

  public static String regional(final String region)
  {
    return "sts." + region + ".amazonaws.com";
  }

  public static String fips(final String region)
  {
    return "sts-fips." + region + ".amazonaws.com";
  }

  /**
   * Writes a hosts file mapping {@code localhost} and every STS host name of {@code regions} to 127.0.0.1, for
   * {@code -Djdk.net.hosts.file}. Such a JVM resolves no other name, and {@code localhost} comes first so that
   * 127.0.0.1 still reverse-resolves to it (aws-msk-iam-auth signs the broker's reverse-resolved name).
   */
  public static void writeHostsFile(final Path file, final Collection<String> regions) throws IOException
  {
    final StringBuilder text = new StringBuilder("127.0.0.1 localhost\n");
    names(regions).forEach(name -> text.append("127.0.0.1 ").append(name).append('\n'));
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
  }

  /** The global STS name and the regional and FIPS names of {@code regions}. */
  public static List<String> names(final Collection<String> regions)
  {
    final List<String> names = new ArrayList<>(List.of(GLOBAL));
    regions.forEach(region -> names.addAll(List.of(regional(region), fips(region))));
    return names;
  }

  static boolean isGlobal(final String host)
  {
    return GLOBAL.equals(host.replaceFirst(":\\d+$", "").toLowerCase());
  }

  /** The region a request to {@code host} must be signed for; empty for a host that is no STS name (127.0.0.1). */
  static Optional<String> signingRegion(final String host)
  {
    if (isGlobal(host)) {
      return Optional.of(GLOBAL_SIGNING_REGION);
    }
    final Matcher regional = REGIONAL.matcher(host.replaceFirst(":\\d+$", "").toLowerCase());
    return regional.matches() ? Optional.of(regional.group(1)) : Optional.empty();
  }
}
