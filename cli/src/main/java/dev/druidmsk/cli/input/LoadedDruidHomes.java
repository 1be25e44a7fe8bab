package dev.druidmsk.cli.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.templates.TemplateException;
import dev.druidmsk.templates.validation.SpecValidator;
import dev.druidmsk.templates.validation.ValidationResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Druid homes this JVM has loaded to validate with, each kept with the jars it was loaded from. Loading Druid
 * costs one to two CPU-seconds; a JVM that validates many specs (the cli's own tests run hundreds of commands in one)
 * loads a home once, and again only when its jars change (an extension installed or removed in place). The two most
 * recently used homes stay loaded: a Druid load holds tens of MiB, and commands use one home each.
 */
final class LoadedDruidHomes
{
  private static final int KEPT = 2;
  /** By home, least recently used first. */
  private static final Map<Path, Loaded> HOMES = new LinkedHashMap<>(KEPT, 0.75f, true);

  private record Loaded(List<String> jars, SpecValidator validator)
  {
  }

  private LoadedDruidHomes()
  {
  }

  /** Validates with the classes of {@code home}; one validation at a time, as a validator is not thread-safe. */
  static synchronized ValidationResult validate(JsonNode spec, Path home) throws TemplateException
  {
    return validator(home).validate(spec);
  }

  /** The validator of {@code home}, loaded again only when its jars changed. */
  static synchronized SpecValidator validator(Path home) throws TemplateException
  {
    final List<String> jars = jars(home);
    final Loaded loaded = HOMES.get(home);
    if (loaded != null && loaded.jars().equals(jars)) {
      return loaded.validator();
    }
    if (loaded != null) {
      HOMES.remove(home).validator().close();
    }
    final SpecValidator validator = SpecValidator.forDruidHome(home);
    HOMES.put(home, new Loaded(jars, validator));
    if (HOMES.size() > KEPT) {
      final Path eldest = HOMES.keySet().iterator().next();
      HOMES.remove(eldest).validator().close();
    }
    return validator;
  }

  /** Every jar of lib/ and of each extension folder, with its size and modification time; empty if unreadable. */
  private static List<String> jars(Path home)
  {
    final List<String> jars = new ArrayList<>();
    try {
      addJars(home.resolve("lib"), jars);
      try (Stream<Path> folders = Files.list(home.resolve("extensions"))) {
        for (Path folder : folders.sorted().toList()) {
          addJars(folder, jars);
        }
      }
    }
    catch (IOException e) {
      // The validator's own load reports what is wrong with the home.
      return List.of();
    }
    return jars;
  }

  private static void addJars(Path folder, List<String> jars) throws IOException
  {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis());
      }
    }
  }
}
