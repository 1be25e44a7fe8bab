package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * One line of the conversion report: what happened to a field of the Kinesis spec, or what the Kafka spec gained,
 * and why. Paths are JSON paths, {@code from} in the Kinesis spec and {@code to} in the Kafka spec; either may be
 * null. {@code why} never holds a secret value.
 */
record Change(Kind kind, String from, String to, String why)
{
  /** What was done. */
  enum Kind
  {
    /** Same field, new value. */
    CHANGED,
    /** A Kinesis field carried over as a Kafka field of another name or place. */
    MAPPED,
    /** A Kafka field with no Kinesis source. */
    ADDED,
    /** A Kinesis field with no Kafka counterpart, left out. */
    DROPPED,
    /** Carried over unchanged, but its meaning differs on Kafka: check it before submitting. */
    REVIEW
  }

  String toText()
  {
    final String where = from != null && to != null && !from.equals(to) ? from + " -> " + to : from != null ? from : to;
    return String.format(Locale.ROOT, "  %-8s %s: %s", kind.name().toLowerCase(Locale.ROOT), where, why);
  }

  void writeTo(ObjectNode node)
  {
    node.put("kind", kind.name().toLowerCase(Locale.ROOT)).put("from", from).put("to", to).put("why", why);
  }
}
