package dev.druidmsk.cli.common;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts fixed at build time: the druid-msk version, the Druid version it targets. */
public final class BuildInfo implements IVersionProvider
{
  private static final Properties PROPERTIES = load();

  public static String version()
  {
    return PROPERTIES.getProperty("version");
  }

  public static String druidVersion()
  {
    return PROPERTIES.getProperty("druid.version");
  }

  @Override
  public String[] getVersion()
  {
    return new String[]{"druid-msk " + version() + " (Apache Druid " + druidVersion() + ")"};
  }

  private static Properties load()
  {
    final Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      properties.load(in);
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
