package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.AtomicFiles;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.Json;
import dev.druidmsk.cli.common.Redactor;
import dev.druidmsk.cli.input.SecretFields;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A copy, for the record, of the last spec of each supervisor that druid-msk saw running healthy: one JSON file per
 * supervisor ID in the state folder, replaced atomically. It is never the source of a rollback (Druid's own spec is,
 * see {@link Rollout}). The folder is the user's only (0700, set again on every write), and secret fields (external
 * IDs, passwords, JAAS strings) are masked unless a full copy is asked for.
 */
final class KnownGoodStore
{
  static final String ENV_STATE_DIR = "DRUID_MSK_STATE_DIR";

  private final Path directory;
  private final boolean fullCopy;

  KnownGoodStore(Path directory, boolean fullCopy)
  {
    this.directory = directory;
    this.fullCopy = fullCopy;
  }

  static KnownGoodStore at(Path option, boolean fullCopy, CliContext context)
  {
    if (option != null) {
      return new KnownGoodStore(option, fullCopy);
    }
    final String fromEnv = context.env(ENV_STATE_DIR);
    return new KnownGoodStore(
        fromEnv != null ? Path.of(fromEnv) : context.home().resolve(".druid-msk").resolve("state"),
        fullCopy
    );
  }

  Path file(String supervisorId)
  {
    // Encoded so that any datasource name is one safe file name.
    return directory.resolve(URLEncoder.encode(supervisorId, StandardCharsets.UTF_8) + ".json");
  }

  void save(String supervisorId, JsonNode spec)
  {
    try {
      Files.createDirectories(directory);
      // Also when the folder was there before: another user must not read specs or learn which supervisors exist.
      ownerOnly(directory);
      AtomicFiles.write(file(supervisorId), Json.pretty(fullCopy ? spec : masked(spec)) + "\n");
    }
    catch (IOException e) {
      throw new RolloutException(
          "Cannot write the known-good spec to " + directory + " (" + e.getClass().getSimpleName() + "): pass "
          + "--state-dir DIR of a writable folder.",
          false
      );
    }
  }

  /** A copy with every secret field's value replaced by the mask. */
  static JsonNode masked(JsonNode node)
  {
    final JsonNode copy = node.deepCopy();
    mask(copy);
    return copy;
  }

  private static void mask(JsonNode node)
  {
    if (node.isObject()) {
      final ObjectNode object = (ObjectNode) node;
      object.fieldNames().forEachRemaining(name -> {
        if (SecretFields.isSecret(name) && object.get(name).isValueNode() && !object.get(name).isNull()) {
          object.put(name, Redactor.MASK);
        }
      });
    }
    node.forEach(KnownGoodStore::mask);
  }

  private static void ownerOnly(Path directory) throws IOException
  {
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
