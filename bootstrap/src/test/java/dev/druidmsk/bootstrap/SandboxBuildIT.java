package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxBuildIT
{
  @Test
  void aBusyboxWithoutAListedAppletIsRefusedNamingTheListAndTheBuildThatHasIt(@TempDir Path dir) throws Exception
  {
    // A stand-in that lists only one applet, as Debian's busybox lists no flock.
    final Path partial = Files.writeString(dir.resolve("busybox"), "#!/bin/sh\necho cat\n");
    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> Sandbox.build(partial, dir.resolve("bin")))
        .hasMessageContaining("has no 'awk' applet (sandbox-applets.txt lists it)")
        .hasMessageContaining(".ci/run's install_busybox");
  }

  @Test
  void onlyTheListedAppletsAreLinkedWhateverTheBinaryHolds(@TempDir Path dir) throws Exception
  {
    final Path busybox = Sandbox.shared().busybox;
    final String held = Sandbox.run(busybox.toString(), "--list");
    assertThat(held.lines()).as("applets %s holds", busybox).contains("sh");

    final Sandbox sandbox = Sandbox.build(busybox, dir.resolve("bin"));

    assertThat(Path.of(sandbox.path()).resolve("sh")).doesNotExist();
    assertThat(Path.of(sandbox.path()).resolve("flock")).exists();
  }
}
