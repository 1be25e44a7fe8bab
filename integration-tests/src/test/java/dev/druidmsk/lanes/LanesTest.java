package dev.druidmsk.lanes;

import org.junit.jupiter.api.Test;
import org.junit.platform.suite.api.SelectClasses;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LanesTest
{
  private static final List<Class<?>> LANES = List.of(SharedStackLane.class, StsLane.class, ClusterLane.class, DoctorLane.class);

  /** failsafe runs only the lanes: a suite left out of them would never run, in CI or anywhere. */
  @Test
  void everyIntegrationSuiteRunsInExactlyOneLane() throws Exception
  {
    final List<String> inLanes = new ArrayList<>();
    LANES.forEach(lane -> inLanes.addAll(List.of(lane.getAnnotation(SelectClasses.class).names())));

    assertThat(inLanes).containsExactlyInAnyOrderElementsOf(compiledClasses(name -> name.endsWith("IT")));
  }

  @Test
  void everyLaneOfThisPackageIsKnownToThisTest() throws Exception
  {
    assertThat(compiledClasses(name -> name.endsWith("Lane"))).containsExactlyInAnyOrderElementsOf(
        LANES.stream().map(Class::getName).collect(Collectors.toList())
    );
  }

  /** The top-level classes compiled from this module's test sources whose simple name matches. */
  private static List<String> compiledClasses(Predicate<String> simpleName)
      throws IOException, URISyntaxException
  {
    final Path root = Path.of(LanesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(root::relativize)
                  .map(Path::toString)
                  .filter(file -> file.endsWith(".class") && !file.contains("$"))
                  .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                  .filter(name -> simpleName.test(name.substring(name.lastIndexOf('.') + 1)))
                  .collect(Collectors.toList());
    }
  }
}
