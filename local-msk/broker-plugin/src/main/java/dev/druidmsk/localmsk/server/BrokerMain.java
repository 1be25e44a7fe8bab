package dev.druidmsk.localmsk.server;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * The broker JVM's entry point: formats the KRaft storage unless it already is, then runs Kafka, so that a broker's
 * first start costs one JVM rather than two (a JVM of its own for {@code kafka-storage format} cost about 1.3
 * CPU-seconds, a tenth of a broker's start).
 *
 * <p>Arguments: the server.properties file and the cluster ID to format with.
 */
public final class BrokerMain
{
  private BrokerMain()
  {
  }

  public static void main(final String[] args) throws Exception
  {
    if (args.length != 2) {
      System.err.println("Usage: BrokerMain <server.properties> <cluster ID>");
      System.exit(2);
    }
    final int formatted;
    try {
      formatted = StorageTool.execute(new String[]{"format", "--ignore-formatted", "-t", args[1], "-c", args[0]}, System.out);
    }
    catch (Exception e) {
      // Kafka's own messages (TerseFailure, FormatterException) say what is wrong; their stacks say nothing more.
      formatFailed(args[0], String.valueOf(e.getMessage()));
      return;
    }
    if (formatted != 0) {
      formatFailed(args[0], "exit code " + formatted);
    }
    Kafka.main(new String[]{args[0]});
  }

  private static void formatFailed(final String serverProperties, final String why)
  {
    System.err.println("kafka-storage format failed for " + serverProperties + ": " + why.replaceFirst("\\.$", "")
                       + ". The broker was not "
                       + "started: check that its log.dirs is a folder this user can write, or start in a new work folder.");
    System.exit(1);
  }
}
