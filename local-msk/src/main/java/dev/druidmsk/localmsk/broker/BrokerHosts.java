package dev.druidmsk.localmsk.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hosts file for {@code -Djdk.net.hosts.file}, through which a client JVM resolves a {@link LocalKafkaCluster}'s
 * advertised broker names as a Druid VPC resolves MSK's through a private hosted zone, and its broken variants: a
 * name left out (it does not resolve), a name routed to another address (an endpoint without the advertised port,
 * or another broker's endpoint, whose certificate is not for that name).
 * <p>
 * The JDK then resolves through this file only, so it also maps {@code localhost} (first: 127.0.0.1 reverse-resolves
 * to the first name of its line, and aws-msk-iam-auth signs that name) and any other name the JVM needs, such as
 * the STS endpoint names ({@code StsHosts.names}). The JDK reads the property once, at start, and caches answers
 * for seconds: give each variant its own file and a new JVM.
 */
public final class BrokerHosts
{
  private static final String LOCALHOST_ADDRESS = "127.0.0.1";

  private final Map<Integer, String> names;
  private final Map<Integer, Optional<String>> addresses;
  private final List<String> localNames;

  private BrokerHosts(
      final Map<Integer, String> names,
      final Map<Integer, Optional<String>> addresses,
      final List<String> localNames
  )
  {
    this.names = names;
    this.addresses = addresses;
    this.localNames = localNames;
  }

  /** Every broker's name at its own endpoint: the healthy setup. */
  public static BrokerHosts of(final LocalKafkaCluster cluster)
  {
    return of(cluster.brokers().stream().map(LocalKafkaBroker::node).toList());
  }

  static BrokerHosts of(final List<BrokerNode> nodes)
  {
    final Map<Integer, String> names = new LinkedHashMap<>();
    final Map<Integer, Optional<String>> addresses = new LinkedHashMap<>();
    for (BrokerNode node : nodes) {
      names.put(node.id(), node.advertisedHost());
      addresses.put(node.id(), Optional.of(node.endpointAddress()));
    }
    return new BrokerHosts(names, addresses, List.of());
  }

  /** The same file without broker {@code id}'s name: it does not resolve. */
  public BrokerHosts without(final int id)
  {
    return with(id, Optional.empty());
  }

  /** The same file with broker {@code id}'s name pointing at {@code address} instead of its endpoint. */
  public BrokerHosts route(final int id, final String address)
  {
    return with(id, Optional.of(address));
  }

  /** The same file with {@code more} names (STS endpoint names, this machine's name) on 127.0.0.1 as well. */
  public BrokerHosts alsoOnLocalhost(final Collection<String> more)
  {
    final List<String> local = new ArrayList<>(localNames);
    local.addAll(more);
    return new BrokerHosts(names, addresses, List.copyOf(local));
  }

  private BrokerHosts with(final int id, final Optional<String> address)
  {
    if (!names.containsKey(id)) {
      throw new IllegalArgumentException("No broker " + id + "; the brokers are " + names.keySet());
    }
    final Map<Integer, Optional<String>> changed = new LinkedHashMap<>(addresses);
    changed.put(id, address);
    return new BrokerHosts(names, changed, localNames);
  }

  /** The file's text: {@code localhost} first, then the other local names, then one line per resolvable broker. */
  public String text()
  {
    final StringBuilder text = new StringBuilder(LOCALHOST_ADDRESS).append(' ').append(BrokerNode.LOCALHOST).append('\n');
    localNames.forEach(name -> text.append(LOCALHOST_ADDRESS).append(' ').append(name).append('\n'));
    names.forEach((id, name) -> addresses.get(id).ifPresent(
        address -> text.append(address).append(' ').append(name).append('\n')
    ));
    return text.toString();
  }

  public Path write(final Path file) throws IOException
  {
    return Files.writeString(file, text(), StandardCharsets.UTF_8);
  }
}
