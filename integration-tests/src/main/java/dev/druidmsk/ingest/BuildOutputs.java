package dev.druidmsk.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the Maven build makes and the local stack uses: the stock Druid home, the druid-msk bundle, bootstrap's
 * installer (as the druid-msk command's distribution carries it) and the packaged druid-msk command.
 */
public record BuildOutputs(Path druidHomeLayout, Path bundle, Path installer, Path cliLauncher)
{
  /** Where integration-tests' package unpacks the bundle, the installer and the command (its pom's it.artifacts). */
  static final String ARTIFACTS = "integration-tests/target/it-artifacts";

  /** The outputs of a build of the repository at {@code root}; fails naming the command that makes them. */
  public static BuildOutputs inRepository(Path root) throws IOException
  {
    final Path artifacts = root.resolve(ARTIFACTS);
    final BuildOutputs outputs = new BuildOutputs(
        root.resolve("druid-home/target/druid-home"),
        onlyBundleIn(artifacts),
        artifacts.resolve("druid-msk/libexec/druid-msk-install"),
        artifacts.resolve("druid-msk/bin/druid-msk")
    );
    outputs.requirePresent();
    return outputs;
  }

  /** As the build passes them to its own tests. */
  public static BuildOutputs fromSystemProperties()
  {
    return new BuildOutputs(
        Path.of(System.getProperty("druid.home.layout")),
        Path.of(System.getProperty("druidmsk.bundle")),
        Path.of(System.getProperty("druidmsk.installer")),
        Path.of(System.getProperty("druidmsk.cli"))
    );
  }

  private void requirePresent()
  {
    for (Path path : List.of(druidHomeLayout.resolve("lib"), bundle, installer, cliLauncher)) {
      if (!Files.exists(path)) {
        throw new IllegalStateException(path + " is missing: build first with `mvn -B package -DskipTests`.");
      }
    }
  }

  private static Path onlyBundleIn(Path target) throws IOException
  {
    if (!Files.isDirectory(target)) {
      return target.resolve("druid-msk-iam-bundle.tar.gz");
    }
    try (Stream<Path> files = Files.list(target)) {
      final List<Path> bundles = files.filter(f -> f.getFileName().toString().endsWith("-bundle.tar.gz")).toList();
      if (bundles.size() != 1) {
        throw new IllegalStateException("expected one bundle in " + target + ", found " + bundles
                                        + ": rebuild with `mvn -B clean package -DskipTests`.");
      }
      return bundles.get(0);
    }
  }
}
