package dev.druidmsk.templates.validation;

import dev.druidmsk.templates.TemplateException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Druid's classes from a Druid home, loaded in a class loader of their own whose parent is the platform class
 * loader, so neither this library's Jackson nor anything else on the application class path can mix with them.
 * The probe (compiled against Druid, shipped under {@code druid-probe/} in this jar where the application class
 * loader cannot see it as a class) is loaded on top and driven with JSON strings only.
 */
final class DruidProbe implements AutoCloseable
{
  private static final String PROBE_CLASS = "dev.druidmsk.probe.spec.SpecProbe";
  private static final String PROBE_ROOT = "druid-probe/";

  private final URLClassLoader druidLoader;
  private final URLClassLoader probeLoader;
  private final Function<String, String> probe;

  private DruidProbe(URLClassLoader druidLoader, URLClassLoader probeLoader, Function<String, String> probe)
  {
    this.druidLoader = druidLoader;
    this.probeLoader = probeLoader;
    this.probe = probe;
  }

  static DruidProbe open(Path druidHome) throws TemplateException
  {
    final Path extensions = druidHome.resolve("extensions");
    if (!Files.isDirectory(extensions)) {
      throw notAHome(druidHome, "it has no extensions/ folder");
    }
    final URLClassLoader druidLoader = new URLClassLoader(
        "druid-home",
        libJars(druidHome),
        ClassLoader.getPlatformClassLoader()
    );
    final URLClassLoader probeLoader = new URLClassLoader("druid-msk-probe", new URL[]{probeRoot()}, druidLoader);
    try {
      @SuppressWarnings("unchecked")
      final Function<String, String> probe = withContextLoader(probeLoader, () -> (Function<String, String>) Class
          .forName(PROBE_CLASS, true, probeLoader)
          .getConstructor(String.class)
          .newInstance(extensions.toString()));
      return new DruidProbe(druidLoader, probeLoader, probe);
    }
    catch (Exception | LinkageError e) {
      closeQuietly(probeLoader);
      closeQuietly(druidLoader);
      throw notAHome(druidHome, "loading Druid's classes and extensions from it failed with " + rootCause(e));
    }
  }

  /** Sends a request to the probe; see the probe's documentation for the JSON it takes and returns. */
  String call(String request)
  {
    return withContextLoader(probeLoader, () -> probe.apply(request));
  }

  @Override
  public void close()
  {
    try {
      ((AutoCloseable) probe).close();
    }
    catch (Exception e) {
      // The loaders below are closed regardless; a failure here only leaves extension jars open until exit.
    }
    closeQuietly(probeLoader);
    closeQuietly(druidLoader);
  }

  private static URL[] libJars(Path druidHome) throws TemplateException
  {
    final List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(druidHome.resolve("lib"))) {
      for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    catch (IOException e) {
      throw notAHome(druidHome, "its lib/ folder cannot be listed (" + e.getMessage() + ")");
    }
    if (jars.isEmpty()) {
      throw notAHome(druidHome, "its lib/ folder holds no jars");
    }
    return jars.toArray(new URL[0]);
  }

  private static URL probeRoot()
  {
    final String classFile = PROBE_ROOT + PROBE_CLASS.replace('.', '/') + ".class";
    final URL url = DruidProbe.class.getClassLoader().getResource(classFile);
    if (url == null) {
      throw new IllegalStateException(classFile + " is missing from the druid-msk supervisor-templates jar");
    }
    final String text = url.toString();
    try {
      return new URL(text.substring(0, text.length() - classFile.length() + PROBE_ROOT.length()));
    }
    catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Druid, Jackson and ServiceLoader look classes up through the context class loader too. */
  private static <T, E extends Exception> T withContextLoader(ClassLoader loader, InLoader<T, E> action) throws E
  {
    final Thread thread = Thread.currentThread();
    final ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.run();
    }
    finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static TemplateException notAHome(Path druidHome, String reason)
  {
    return new TemplateException(
        druidHome + " is not a usable Druid home: " + reason + ". Pass the folder of a Druid installation that "
        + "holds lib/ (Druid's jars) and extensions/ (one folder per extension), e.g. --druid-home /opt/druid"
    );
  }

  private static String rootCause(Throwable e)
  {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getName() + ": " + cause.getMessage();
  }

  private static void closeQuietly(URLClassLoader loader)
  {
    try {
      loader.close();
    }
    catch (IOException e) {
      // Nothing to do: the loader's jars stay open until the JVM exits.
    }
  }

  private interface InLoader<T, E extends Exception>
  {
    T run() throws E;
  }
}
