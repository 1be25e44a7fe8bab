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
  @Override
  public List<? extends Module> getJacksonModules()
  {
    return List.of(
        new SimpleModule(getClass().getSimpleName())
            .registerSubtypes(new NamedType(MskIamConfigProvider.class, MskIamOptions.TYPE))
    );
  }

  @Override
  public void configure(Binder binder)
  {
    // Nothing to bind: the provider is created by Jackson from the supervisor spec.
  }
}
