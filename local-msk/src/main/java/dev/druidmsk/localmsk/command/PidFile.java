package dev.druidmsk.localmsk.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@value #NAME} in the work directory: the pid of the local-msk that runs from it, while it runs. */
final class PidFile
{
  static final String NAME = "local-msk.pid";
  /** Part of the command line of every local-msk JVM: tells it apart from a process that reused the pid. */
  private static final String MAIN_CLASS = "dev.druidmsk.localmsk.LocalMskMain";

  private final Path file;

  PidFile(final Path workDir)
  {
    this.file = workDir.resolve(NAME);
  }

  Path path()
  {
    return file;
  }

  /** The local-msk process the file names, if it still runs. */
  Optional<ProcessHandle> running() throws IOException
  {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    final long pid;
    try {
      pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
    }
    catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(PidFile::isLocalMsk);
  }

  void writeOwn() throws IOException
  {
    Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
  }

  /** Removes the file if it names this process (a later start may have replaced it). */
  void removeOwn()
  {
    try {
      if (Files.exists(file)
          && Files.readString(file, StandardCharsets.UTF_8).trim().equals(Long.toString(ProcessHandle.current().pid()))) {
        Files.delete(file);
      }
    }
    catch (IOException e) {
      // Left behind, it is recognised as stale: its pid no longer runs local-msk.
    }
  }

  void removeStale() throws IOException
  {
    Files.deleteIfExists(file);
  }

  private static boolean isLocalMsk(final ProcessHandle process)
  {
    return process.info().commandLine().map(line -> line.contains(MAIN_CLASS)).orElse(true);
  }
}
