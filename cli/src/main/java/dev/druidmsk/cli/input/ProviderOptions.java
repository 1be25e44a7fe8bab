package dev.druidmsk.cli.input;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.cli.common.Distribution;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The aws-msk-iam provider's own option checks, for a spec about to be written (spec render). They run from the
 * bundle's extension jar (the distribution's druid-extension/) in a class loader of their own: the extension stays
 * out of druid-msk's class path, where it would shadow the copy that validation loads beside Druid's classes.
 */
public final class ProviderOptions
{
  private static final String CHECK_CLASS = "dev.druidmsk.iam.OptionCheck";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderOptions()
  {
  }

  /**
   * What the provider says is wrong with the aws-msk-iam options of {@code spec}, with a hint when a value is empty;
   * empty when it accepts them or the spec uses no aws-msk-iam provider.
   */
  public static Optional<String> problem(JsonNode spec)
  {
    final SupervisorSpec supervisor = SupervisorSpec.of(spec);
    if (supervisor.mskIamProvider().isEmpty()) {
      return Optional.empty();
    }
    final Map<String, Object> options = JSON.convertValue(supervisor.provider(), new TypeReference<>() { });
    return Optional.ofNullable(check(options)).map(problem -> problem + emptyValueHint(options));
  }

  private static String emptyValueHint(Map<String, Object> options)
  {
    return options.entrySet()
                  .stream()
                  .filter(option -> "".equals(option.getValue()))
                  .findFirst()
                  .map(option -> ". '" + option.getKey() + "' is empty, as an unset shell variable makes it in --set "
                                 + option.getKey() + "=\"$VARIABLE\": set the variable first, or leave the value out")
                  .orElse("");
  }

  private static String check(Map<String, Object> options)
  {
    final Path dir = Distribution.path("druid-extension", DruidHome.EXTENSION_DIR_PROPERTY);
    try (URLClassLoader loader = new URLClassLoader(urls(dir), ClassLoader.getPlatformClassLoader())) {
      return (String) Class.forName(CHECK_CLASS, true, loader).getMethod("problem", Map.class).invoke(null, options);
    }
    catch (IOException | ReflectiveOperationException e) {
      final Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new InputException(
          "Cannot run the aws-msk-iam provider's checks from " + dir + " (" + cause.getClass().getSimpleName()
          + "): reinstall druid-msk, whose druid-extension/ holds the extension's jar."
      );
    }
  }

  private static URL[] urls(Path dir) throws IOException
  {
    final List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : (Iterable<Path>) files.filter(file -> file.toString().endsWith(".jar"))::iterator) {
        urls.add(jar.toUri().toURL());
      }
    }
    return urls.toArray(new URL[0]);
  }
}
