package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import org.apache.druid.guice.JsonConfigProvider;
import org.apache.druid.initialization.DruidModule;

import java.util.List;

/**
 * Registers the {@code aws-msk-iam} {@link org.apache.druid.metadata.DynamicConfigProvider} so that a Kafka
 * supervisor's {@code consumerProperties} can say {@code "druid.dynamic.config.provider": {"type": "aws-msk-iam", ...}},
 * and binds the node policy ({@link MskIamNodePolicy}, runtime properties {@code druid.msk.iam.*}) that the provider
 * and the credentials callback handler enforce.
 */
public class MskIamDruidModule implements DruidModule
{
  @Override
  public List<? extends Module> getJacksonModules()
  {
    return List.of(
        new SimpleModule(getClass().getSimpleName())
            .registerSubtypes(new NamedType(MskIamConfigProvider.class, MskIamOptions.TYPE))
            .setDeserializerModifier(new ParseTimeChecks())
    );
  }

  @Override
  public void configure(Binder binder)
  {
    // Jackson injects the policy into every provider it parses; Kafka creates the callback handler by name, so the
    // handler reads the policy installed here.
    JsonConfigProvider.bind(binder, MskIamNodePolicy.PREFIX, MskIamNodePolicy.class);
    binder.requestStaticInjection(NodePolicyHolder.class);
  }
}
