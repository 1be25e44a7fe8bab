package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.AtomicFiles;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.Json;
import dev.druidmsk.cli.input.SpecFiles;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The last spec of each supervisor that druid-msk saw running healthy: one JSON file per supervisor ID in the state
 * folder, replaced atomically, readable by the user only (specs carry external IDs).
 */
final class KnownGoodStore
{
  static final String ENV_STATE_DIR = "DRUID_MSK_STATE_DIR";

  private final Path directory;

  KnownGoodStore(Path directory)
  {
    this.directory = directory;
  }

  static KnownGoodStore at(Path option, CliContext context)
  {
    if (option != null) {
      return new KnownGoodStore(option);
    }
    final String fromEnv = context.env(ENV_STATE_DIR);
    return new KnownGoodStore(fromEnv != null ? Path.of(fromEnv) : context.home().resolve(".druid-msk").resolve("state"));
  }

  Path file(String supervisorId)
  {
    // Encoded so that any datasource name is one safe file name.
    return directory.resolve(URLEncoder.encode(supervisorId, StandardCharsets.UTF_8) + ".json");
  }

  Optional<ObjectNode> load(String supervisorId)
  {
    final Path file = file(supervisorId);
    return Files.exists(file) ? Optional.of(SpecFiles.readObject(file, "known-good state file")) : Optional.empty();
  }

  void save(String supervisorId, JsonNode spec)
  {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        trySetOwnerOnly(directory);
      }
      AtomicFiles.write(file(supervisorId), Json.pretty(spec) + "\n");
    }
    catch (IOException e) {
      throw new RolloutException(
          "Cannot write the known-good spec to " + directory + " (" + e.getClass().getSimpleName() + "): pass "
          + "--state-dir DIR of a writable folder.",
          false
      );
    }
  }

  private static void trySetOwnerOnly(Path directory) throws IOException
  {
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
