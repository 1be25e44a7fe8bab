package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.LongStream;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bundles an attacker or a broken download could hand the installer: each is refused with exit code 4 (bundle
 * rejected) and a fix, before tar unpacks anything, and the Druid home stays byte-identical. The reasons are the
 * ones busybox tar's listing gives (the sandbox's tar, as in the official Druid image).
 */
class HostileBundleIT extends DruidHomeTest
{
  private static final int PRECONDITION = 3;
  private static final int BUNDLE = 4;
  private static final String NOT_A_BUNDLE = "is not a druid-msk bundle (one top folder, plain files, no absolute or .. paths)";
  private static final String UNREADABLE = "is not a readable tar.gz: it is truncated or corrupted";

  private Map<String, String> before;
  private Path work;
  private Path tarCalls;

  @BeforeEach
  void snapshotHomeAndRecordTar() throws IOException
  {
    before = FolderSnapshot.of(home);
    work = Files.createDirectories(temp.resolve("hostile"));
    tarCalls = temp.resolve("tar-calls.txt");
    final Path bin = temp.resolve("bin");
    PathShims.recordingTar(bin, tarCalls);
    installer.with("PATH", PathShims.path(bin));
  }

  static LongStream truncationPoints()
  {
    final long size = Bundle.TARBALL.toFile().length();
    // the gzip header only, the first tar header, half the jars, the gzip trailer's CRC cut, its last byte cut
    return LongStream.of(10, 600, size / 2, size - 6, size - 1);
  }

  @ParameterizedTest
  @MethodSource("truncationPoints")
  void truncatedBundleIsRefused(long length) throws Exception
  {
    final Installer.Result result = install(Bundle.truncated(work, length));

    assertRefused(result, BUNDLE, UNREADABLE, "fix: download the bundle again");
  }

  @Test
  void bitFlipInTheCompressedDataIsRefused() throws Exception
  {
    final int middle = Math.toIntExact(Bundle.TARBALL.toFile().length() / 2);

    assertRefused(install(Bundle.gzipBitFlipped(work, middle)), BUNDLE, UNREADABLE, "fix: download the bundle again");
  }

  @Test
  void bitFlipInTheGzipChecksumIsRefused() throws Exception
  {
    final int crc = Math.toIntExact(Bundle.TARBALL.toFile().length() - 8);

    assertRefused(install(Bundle.gzipBitFlipped(work, crc)), BUNDLE, UNREADABLE, "fix: download the bundle again");
  }

  @Test
  void bitFlipInATarHeaderIsRefused() throws Exception
  {
    // The second 512-byte header's name field: its header checksum no longer matches.
    final int secondHeaderName = 512 + 5;

    assertRefused(install(Bundle.tarBitFlipped(work, secondHeaderName)), BUNDLE, UNREADABLE, "fix: download");
  }

  @Test
  void bitFlipInsideAJarIsRefusedByItsChecksum() throws Exception
  {
    final Path flipped = Bundle.altered(work, folder -> {
      final Path jar = folder.resolve(Bundle.mskJar());
      final byte[] bytes = Files.readAllBytes(jar);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(jar, bytes);
    });

    final Installer.Result result = install(flipped);

    assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
    assertThat(result.stderr).contains("does not match its SHA256SUMS").contains("fix: download the bundle again");
    assertHomeUnchanged();
  }

  @Test
  void memberClimbingOutWithDotDotIsRefused() throws Exception
  {
    final Path climbing = Bundle.altered(work, folder -> {}, "-P", "--transform", "s,/NOTICE.txt$,/../../../NOTICE.txt,r");

    // busybox tar strips a name up to its last "../", so the member lists (and would unpack) as a second top entry.
    assertRefused(install(climbing), BUNDLE, NOT_A_BUNDLE, "it has more than one top folder");
  }

  @Test
  void memberWithAnAbsolutePathIsRefused() throws Exception
  {
    final Path absolute = Bundle.altered(work, folder -> {}, "-P", "--transform", "s,^.*/NOTICE.txt$,/tmp/NOTICE.txt,r");

    // busybox tar strips the leading "/": a second top entry.
    assertRefused(install(absolute), BUNDLE, NOT_A_BUNDLE, "it has more than one top folder");
  }

  @Test
  void hardLinkBetweenBundleFilesIsRefused() throws Exception
  {
    final Path linked = Bundle.altered(
        work, folder -> Files.createLink(folder.resolve("licenses/zz-copy.txt"), folder.resolve("NOTICE.txt"))
    );

    // busybox tar lists a hard link as a plain file with " -> target".
    assertRefused(install(linked), BUNDLE, NOT_A_BUNDLE, "licenses/zz-copy.txt -> ");
  }

  @Test
  void hardLinkToAFileOutsideTheBundleIsRefused() throws Exception
  {
    final Path linked = Bundle.altered(
        work,
        folder -> Files.createLink(folder.resolve("licenses/zz-passwd"), folder.resolve("NOTICE.txt")),
        "-P", "--transform", "s,^.*/NOTICE.txt$,/etc/passwd,RSh"
    );

    assertRefused(install(linked), BUNDLE, NOT_A_BUNDLE, "zz-passwd -> /etc/passwd");
  }

  @Test
  void linkHiddenAheadOfManyMembersIsRefused() throws Exception
  {
    // Enough members after the link that a listing piped into an early-exiting grep would die of SIGPIPE.
    final Path hidden = Bundle.altered(work, folder -> {
      Files.createSymbolicLink(folder.resolve("0-outside"), Path.of("/etc"));
      final Path padding = Files.createDirectories(folder.resolve("zz-padding"));
      for (int i = 0; i < 3000; i++) {
        Files.createFile(padding.resolve(String.format("padding-file-with-a-long-name-%05d.txt", i)));
      }
    });

    assertRefused(install(hidden), BUNDLE, NOT_A_BUNDLE, "0-outside -> /etc");
  }

  @Test
  void fifoMemberIsRefused() throws Exception
  {
    final Path withFifo = Bundle.altered(work, folder -> run("mkfifo", folder.resolve("licenses/pipe").toString()));

    assertRefused(install(withFifo), BUNDLE, NOT_A_BUNDLE, "it holds a link or special file: p");
  }

  @Test
  void sparseMultiGigabyteMemberIsRefusedBeforeUnpacking() throws Exception
  {
    final Path bomb = Bundle.altered(work, folder -> {
      try (RandomAccessFile file = new RandomAccessFile(folder.resolve("licenses/zz-sparse.bin").toFile(), "rw")) {
        file.setLength(8L << 30);
      }
    }, "--sparse");

    // busybox tar reads no GNU sparse member at all; GNU tar would list it at its full 8 GiB and be refused so.
    assertRefused(install(bomb), BUNDLE, UNREADABLE, "fix: download the bundle again");
  }

  @Test
  void memberFarLargerThanAJarIsRefusedBeforeUnpacking() throws Exception
  {
    final Path bomb = Bundle.altered(
        work, folder -> Files.write(folder.resolve(Bundle.mskJar()), new byte[96 << 20])
    );

    final Installer.Result result = install(bomb);

    assertRefused(result, BUNDLE, "more than the 64 MiB a druid-msk bundle can hold; nothing was unpacked",
                  Bundle.mskJar() + " alone declares the most");
  }

  @Test
  void bundleOfTooManyMembersIsRefused() throws Exception
  {
    final Path crowded = Bundle.altered(work, folder -> {
      for (int i = 0; i < 300; i++) {
        Files.createFile(folder.resolve("licenses/extra-" + i + ".txt"));
      }
    });

    assertRefused(install(crowded), BUNDLE, NOT_A_BUNDLE, "entries, a bundle has at most 256");
  }

  @Test
  void tooLittleRoomToUnpackTheBundleIsRefused() throws Exception
  {
    final Path staging = Files.createDirectories(temp.resolve("staging"));
    PathShims.df(temp.resolve("bin"), staging.toString(), 100);

    final Installer.Result result = installer.with("TMPDIR", staging.toString()).install(home);

    assertRefused(result, PRECONDITION, "100 KiB free on the filesystem of " + staging,
                  "KiB needed to unpack the bundle");
    assertThat(result.stderr).contains("fix: free some space there, or set TMPDIR");
  }

  @Test
  void fileThatSha256sumsDoesNotListIsRefused() throws Exception
  {
    final Path unlisted = Bundle.altered(work, folder -> Files.writeString(folder.resolve("unlisted.txt"), "x"));

    assertRefusedAfterUnpacking(install(unlisted), "SHA256SUMS does not list exactly the bundle's files");
  }

  @Test
  void fileListedTwiceInSha256sumsIsRefused() throws Exception
  {
    final Path listedTwice = Bundle.altered(work, folder -> {
      final Path sums = folder.resolve("SHA256SUMS");
      Files.writeString(sums, Files.readAllLines(sums).get(0) + "\n", StandardOpenOption.APPEND);
    });

    assertRefusedAfterUnpacking(install(listedTwice), "SHA256SUMS does not list exactly the bundle's files");
  }

  @Test
  void sha256sumsWithoutAFinalNewlineIsReadToItsLastLine() throws Exception
  {
    final Path unterminated = Bundle.altered(work, folder -> {
      final Path sums = folder.resolve("SHA256SUMS");
      Files.writeString(sums, Files.readString(sums).stripTrailing());
    });

    final Installer.Result result = install(unterminated);

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
  }

  private Installer.Result install(Path bundle) throws IOException, InterruptedException
  {
    return installer.run("install", "--druid-home", home.toString(), "--bundle", bundle.toString());
  }

  private void assertRefused(Installer.Result result, int exitCode, String error, String detail) throws IOException
  {
    assertThat(result.exitCode).as("%s", result).isEqualTo(exitCode);
    assertThat(result.stderr).contains(error).contains(detail).contains("fix: ");
    assertThat(Files.readAllLines(tarCalls)).as("tar calls").noneMatch(call -> call.startsWith("-x"));
    assertHomeUnchanged();
  }

  /** Refused once unpacked in the private staging folder, which the installer removes: the home never changed. */
  private void assertRefusedAfterUnpacking(Installer.Result result, String error)
  {
    assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
    assertThat(result.stderr).contains(error).contains("fix: ");
    assertHomeUnchanged();
  }

  private void assertHomeUnchanged()
  {
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
    assertThat(home.resolve(".druid-msk-install/backup")).doesNotExist();
  }

  private static void run(String... command) throws IOException
  {
    try {
      final Process process = new ProcessBuilder(command).inheritIO().start();
      assertThat(process.waitFor()).as("%s", String.join(" ", command)).isZero();
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
