package dev.druidmsk.probe;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedClassResolver;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.apache.druid.guice.ExtensionsConfig;
import org.apache.druid.guice.ExtensionsLoader;
import org.apache.druid.guice.StandardURLClassLoader;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.metadata.DynamicConfigProvider;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The extensions of a Druid home as a Druid service loads them: Druid's own ExtensionsLoader (one class loader per
 * folder of the extensions directory, every folder when no load list is set), and the Jackson modules of every
 * DruidModule it finds registered with the probe's mapper, so that specs and config providers parse as on a node.
 */
public final class DruidExtensions implements Closeable
{
  private final ObjectMapper mapper;
  private final ExtensionsLoader loader;

  public DruidExtensions(ObjectMapper mapper, String extensionsDirectory)
  {
    this.mapper = mapper;
    this.loader = new ExtensionsLoader(
        mapper.convertValue(Map.of("directory", extensionsDirectory), ExtensionsConfig.class),
        mapper
    );
    for (DruidModule module : loader.getFromExtensions(DruidModule.class)) {
      mapper.registerModules(module.getJacksonModules());
    }
  }

  /** The class loader of the extension folder with this name, or null when the home has none. */
  public ClassLoader folder(String name)
  {
    for (Map.Entry<File, StandardURLClassLoader> entry : loaders().entrySet()) {
      if (name.equals(entry.getKey().getName())) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** Every extension folder's class loader. */
  public List<ClassLoader> all()
  {
    return new ArrayList<>(loaders().values());
  }

  /** The DynamicConfigProvider type names the mapper knows: Druid's own and every loaded extension's. */
  public Set<String> providerTypes()
  {
    final DeserializationConfig config = mapper.getDeserializationConfig();
    final AnnotatedClass base = AnnotatedClassResolver.resolveWithoutSuperTypes(config, DynamicConfigProvider.class);
    final Set<String> names = new TreeSet<>();
    for (NamedType type : mapper.getSubtypeResolver().collectAndResolveSubtypesByTypeId(config, base)) {
      if (type.hasName()) {
        names.add(type.getName());
      }
    }
    return names;
  }

  @Override
  public void close() throws IOException
  {
    for (StandardURLClassLoader folderLoader : loaders().values()) {
      folderLoader.close();
    }
  }

  private Map<File, StandardURLClassLoader> loaders()
  {
    final Map<File, StandardURLClassLoader> byFolder = new LinkedHashMap<>();
    loader.getLoadersMap().forEach((folder, folderLoader) -> byFolder.put(folder.lhs, folderLoader));
    return byFolder;
  }
}
