package dev.druidmsk.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Commands placed ahead of the sandbox's on the installer's PATH, to bend what it sees (free space) or record
 * what it ran (tar). Each hands every other call to the sandbox's command.
 */
final class PathShims
{
  private static final String REAL_PATH = Sandbox.shared().path();

  private PathShims()
  {
  }

  /** The PATH that finds the shims in BIN first. */
  static String path(Path bin)
  {
    return bin + ":" + REAL_PATH;
  }

  /** A df that reports AVAILABLE_KIB free for any path containing FRAGMENT. */
  static void df(Path bin, String fragment, long availableKib) throws IOException
  {
    write(bin.resolve("df"), "case \"$*\" in\n"
                             + "  *'" + fragment + "'*)\n"
                             + "    echo 'Filesystem 1024-blocks Used Available Capacity Mounted on'\n"
                             + "    echo '/dev/full 100 90 " + availableKib + " 90% /' ;;\n"
                             + "  *) PATH='" + REAL_PATH + "' exec df \"$@\" ;;\n"
                             + "esac\n");
  }

  /** A tar that appends its arguments, one call a line, to LOG. */
  static void recordingTar(Path bin, Path log) throws IOException
  {
    write(bin.resolve("tar"), "printf '%s\\n' \"$*\" >> '" + log + "'\n"
                              + "PATH='" + REAL_PATH + "' exec tar \"$@\"\n");
  }

  /** A tar whose verbose listings show hard links as plain files without their target, as some tars do. */
  static void tarListingWithoutLinks(Path bin) throws IOException
  {
    write(bin.resolve("tar"), "case \"$1\" in\n"
                              + "  -tv*) PATH='" + REAL_PATH + "' tar \"$@\" | sed -e 's/ -> .*//' -e 's/ link to .*//'"
                              + " -e 's/^h/-/' ;;\n"
                              + "  *) PATH='" + REAL_PATH + "' exec tar \"$@\" ;;\n"
                              + "esac\n");
  }

  private static void write(Path command, String body) throws IOException
  {
    Files.createDirectories(command.getParent());
    Files.writeString(command, "#!/usr/bin/env bash\n" + body);
    Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
