package dev.druidmsk.cli.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One entry of {@code bootstrap.servers}, and what its host name says about MSK. */
record BrokerAddress(String host, int port)
{
  private static final Pattern MSK_HOST = Pattern.compile(".*\\.kafka\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

  /** Parses {@code host:port[,host:port...]}; entries that are not host:port are reported by the spec check. */
  static List<BrokerAddress> parseAll(String bootstrapServers)
  {
    final List<BrokerAddress> brokers = new ArrayList<>();
    for (String entry : bootstrapServers.split(",")) {
      final String trimmed = entry.strip();
      final int colon = trimmed.lastIndexOf(':');
      if (colon <= 0) {
        continue;
      }
      try {
        brokers.add(new BrokerAddress(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1))));
      }
      catch (NumberFormatException e) {
        // Not host:port; SpecValidator names it.
      }
    }
    return brokers;
  }

  boolean isMsk()
  {
    return MSK_HOST.matcher(host).matches();
  }

  String region()
  {
    final Matcher matcher = MSK_HOST.matcher(host);
    return matcher.matches() ? matcher.group(1) : null;
  }

  @Override
  public String toString()
  {
    return host + ":" + port;
  }
}
