package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import org.apache.druid.initialization.DruidModule;

import java.util.List;

/**
 * Registers the {@code aws-msk-iam} {@link org.apache.druid.metadata.DynamicConfigProvider} so that a Kafka
 * supervisor's {@code consumerProperties} can say {@code "druid.dynamic.config.provider": {"type": "aws-msk-iam", ...}}.
 */
public class MskIamDruidModule implements DruidModule
{
  public static final String PROVIDER_TYPE = "aws-msk-iam";

  @Override
  public List<? extends Module> getJacksonModules()
  {
    return List.of(
        new SimpleModule(getClass().getSimpleName())
            .registerSubtypes(new NamedType(MskIamConfigProvider.class, PROVIDER_TYPE))
    );
  }

  @Override
  public void configure(Binder binder)
  {
    // Nothing to bind: the provider is created by Jackson from the supervisor spec.
  }
}
