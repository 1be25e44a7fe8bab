package dev.druidmsk.cli.common;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Files the druid-msk distribution keeps beside its lib/ folder (druid-extension/, doctor-probe/, libexec/, an optional druid-home/). A system
 * property overrides each, for tests that run from the build tree.
 */
public final class Distribution
{
  private Distribution()
  {
  }

  public static Path path(String relative, String overrideProperty)
  {
    final String property = System.getProperty(overrideProperty);
    if (property != null) {
      return Paths.get(property);
    }
    try {
      final Path jar = Paths.get(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().resolveSibling(relative);
    }
    catch (URISyntaxException e) {
      throw new IllegalStateException("The class path of druid-msk is not a file path", e);
    }
  }
}
