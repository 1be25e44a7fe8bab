package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.metadata.DynamicConfigProvider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds providers the way a Druid node does: Druid's own mapper, our module, a spec's JSON map. */
final class ProviderJson
{
  static final String ROLE_ARN = "arn:aws:iam::123456789012:role/druid-msk-reader";

  static final ObjectMapper MAPPER = mapper(MskIamNodePolicy.UNRESTRICTED);

  private ProviderJson()
  {
  }

  /** Druid's mapper with our module, injecting {@code policy} as a node's injector injects the bound one. */
  static ObjectMapper mapper(MskIamNodePolicy policy)
  {
    final ObjectMapper mapper = new DefaultObjectMapper().registerModules(new MskIamDruidModule().getJacksonModules());
    mapper.setInjectableValues(new InjectableValues.Std().addValue(MskIamNodePolicy.class, policy));
    return mapper;
  }

  /** Options as alternating key/value pairs; "type" is added. */
  static Map<String, Object> options(Object... keysAndValues)
  {
    final Map<String, Object> options = new LinkedHashMap<>();
    options.put("type", MskIamOptions.TYPE);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return options;
  }

  static MskIamConfigProvider provider(Object... keysAndValues)
  {
    return (MskIamConfigProvider) MAPPER.convertValue(options(keysAndValues), DynamicConfigProvider.class);
  }
}
