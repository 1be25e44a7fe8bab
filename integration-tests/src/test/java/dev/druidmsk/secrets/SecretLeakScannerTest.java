package dev.druidmsk.secrets;

import dev.druidmsk.localmsk.iam.FakeSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SecretLeakScannerTest
{
  private static final String PLANTED = FakeSecrets.marked("-planted-" + UUID.randomUUID());

  @TempDir
  Path root;

  @Test
  void plantedSecretIsFoundWithItsFileAndLine() throws Exception
  {
    write("cli/target/failsafe-reports/SpecIT-output.txt", "first\nsecond\nsasl.jaas.config secret=" + PLANTED + ";\n");

    final List<SecretLeakScanner.Leak> leaks = scanner().scan();

    assertThat(leaks).extracting(SecretLeakScanner.Leak::file, SecretLeakScanner.Leak::line)
                     .containsExactly(tuple(
                         Path.of("cli/target/failsafe-reports/SpecIT-output.txt"), 3
                     ));
  }

  @Test
  void reportedLineIsRedacted() throws Exception
  {
    write("integration-tests/target/it-work/broker.log", "key " + PLANTED + " and again " + PLANTED + "\n");

    final SecretLeakScanner.Leak leak = scanner().scan().get(0);

    assertThat(leak.toString()).doesNotContain(PLANTED)
                               .doesNotContain(FakeSecrets.MARKER)
                               .contains("key [REDACTED fake secret, " + PLANTED.length() + " chars] and again");
  }

  @Test
  void allowlistedFileIsNotReported() throws Exception
  {
    write("integration-tests/target/it-work/Run-1/druid/conf/consumer-jvm.args", "-Daws.secretAccessKey=" + PLANTED);

    assertThat(scanner("integration-tests/target/it-work/**/conf/consumer-jvm.args").scan()).isEmpty();
  }

  @Test
  void binaryFilesAndFilesOutsideTargetAreNotRead() throws Exception
  {
    write("integration-tests/src/test/resources/fixture.txt", PLANTED);
    final Path segment = write("integration-tests/target/it-work/kafka/00000000.log", PLANTED);
    Files.write(segment, new byte[]{0, 1, 2}, StandardOpenOption.APPEND);

    assertThat(scanner().scan()).isEmpty();
  }

  private SecretLeakScanner scanner(String... allowed)
  {
    return new SecretLeakScanner(root, List.of(allowed));
  }

  private Path write(String relative, String content) throws IOException
  {
    final Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
