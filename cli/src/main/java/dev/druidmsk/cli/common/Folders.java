package dev.druidmsk.cli.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The command's own temporary folders. */
public final class Folders
{
  private Folders()
  {
  }

  /** Deletes {@code folder} and everything in it, deepest first; links are deleted, never what they point at. */
  public static void delete(Path folder) throws IOException
  {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
