package dev.druidmsk.localmsk.iam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes files that hold secrets (keys, passwords, credentials) readable by their owner only. */
public final class PrivateFiles
{
  private PrivateFiles()
  {
  }

  /** Replaces {@code file} with {@code text}, created with mode 0600 so no other user ever sees it. */
  public static void write(final Path file, final String text) throws IOException
  {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * Replaces {@code file} with {@code text} (mode 0600) in one step: a reader sees the old content or the new one,
   * never a part of either.
   */
  public static void replaceAtomically(final Path file, final String text) throws IOException
  {
    final Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    final Path temporary = Files.createTempFile(
        folder, "." + file.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    );
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Writes {@code key=value} lines, in the map's order. */
  public static void writeProperties(final Path file, final Map<String, String> properties) throws IOException
  {
    final StringBuilder text = new StringBuilder();
    properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    write(file, text.toString());
  }
}
