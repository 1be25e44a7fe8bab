package dev.druidmsk.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every file under a folder with its SHA-256, modification time and permissions: two equal snapshots mean
 * byte-identical content that nobody rewrote.
 */
final class FolderSnapshot
{
  private FolderSnapshot()
  {
  }

  static Map<String, String> of(Path folder)
  {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return Map.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile)
                  .collect(Collectors.toMap(
                      file -> folder.relativize(file).toString(),
                      FolderSnapshot::describe,
                      (first, second) -> first,
                      TreeMap::new
                  ));
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(Path file)
  {
    try (InputStream in = Files.newInputStream(file)) {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      final byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(Path file)
  {
    try {
      return sha256(file) + " " + Files.getLastModifiedTime(file).toMillis() + " "
             + PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
