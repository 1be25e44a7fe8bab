package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The Kinesis supervisor specs of src/test/resources/kinesis/, in the shapes Druid documents. */
public final class KinesisFixtures
{
  /** Druid's documented example: spec-wrapped, json, useEarliestSequenceNumber, no role. */
  public static final String DOCS_EXAMPLE = "docs-example";
  /** A role with an external ID, an eu-west-1 endpoint, rollup, and every Kinesis-only tuning field. */
  public static final String CROSS_ACCOUNT_TUNED = "cross-account-tuned";
  /** The kinesis input-format wrapper around json, with its own column names, and a region. */
  public static final String KINESIS_INPUT_FORMAT = "kinesis-input-format";
  /** Druid's older flat layout with a csv input format. */
  public static final String FLAT_CSV = "flat-csv";
  /** Defaults omitted: no tuningConfig, no endpoint, schema discovery. */
  public static final String MINIMAL = "minimal";

  public static final String EXTERNAL_ID = "ext-kinesis-9Xq2-Lm77";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KinesisFixtures()
  {
  }

  public static ObjectNode load(String name)
  {
    try {
      return (ObjectNode) MAPPER.readTree(path(name).toFile());
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path path(String name)
  {
    try {
      return Paths.get(KinesisFixtures.class.getResource("/kinesis/" + name + ".json").toURI());
    }
    catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
