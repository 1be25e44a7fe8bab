package dev.druidmsk.cli.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see the old or the new content, never half of it. */
public final class AtomicFiles
{
  private AtomicFiles()
  {
  }

  /** Writes next to the target (same file system), then renames over it; the file is private to the user. */
  public static void write(Path target, String content) throws IOException
  {
    final Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    // createTempFile makes the file readable by its owner only: specs carry external IDs.
    final Path temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    finally {
      Files.deleteIfExists(temp);
    }
  }
}
