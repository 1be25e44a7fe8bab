package dev.druidmsk.cli.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.Json;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads spec JSON; parse errors give the position only, never a quote of the (secret-bearing) text. */
public final class SpecFiles
{
  private SpecFiles()
  {
  }

  /** Reads a JSON object from a file, or from stdin when the path is `-`. */
  public static ObjectNode readObject(Path file, String option)
  {
    final JsonNode node;
    try (InputStream in = "-".equals(file.toString()) ? System.in : Files.newInputStream(file)) {
      node = Json.MAPPER.readTree(in);
    }
    catch (NoSuchFileException e) {
      throw new InputException(option + " " + file + " does not exist: check the path.");
    }
    catch (JsonProcessingException e) {
      final JsonLocation location = e.getLocation();
      throw new InputException(
          option + " " + file + " is not valid JSON"
          + (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
          + ": fix the syntax there (render it with `druid-msk spec render`)."
      );
    }
    catch (IOException e) {
      throw new InputException("Cannot read " + option + " " + file + " (" + e.getClass().getSimpleName() + ").");
    }
    if (node == null || !node.isObject()) {
      throw new InputException(option + " " + file + " must hold one JSON object, a supervisor spec {\"type\": ...}.");
    }
    return (ObjectNode) node;
  }

  /** The ID Druid 33 gives a supervisor: its datasource (or an explicit top-level `id`). */
  public static String supervisorId(JsonNode spec)
  {
    return SupervisorSpec.of(spec).supervisorId().filter(id -> !id.isBlank()).orElseThrow(() -> new InputException(
        "The spec has no spec.dataSchema.dataSource, so its supervisor ID is unknown: set the datasource name."
    ));
  }

}
