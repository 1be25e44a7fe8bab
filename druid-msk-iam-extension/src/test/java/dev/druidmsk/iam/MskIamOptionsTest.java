package dev.druidmsk.iam;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The names tools read from {@link MskIamOptions} are the ones Druid's mapper binds. */
class MskIamOptionsTest
{
  @Test
  void theOptionNamesAreTheProvidersJsonProperties()
  {
    final Constructor<?> creator = Arrays.stream(MskIamConfigProvider.class.getConstructors())
                                         .filter(constructor -> constructor.isAnnotationPresent(JsonCreator.class))
                                         .findFirst()
                                         .orElseThrow();

    // The node policy is injected, not read from the spec.
    assertThat(Arrays.stream(creator.getParameters())
                     .filter(p -> p.isAnnotationPresent(JsonProperty.class))
                     .map(p -> p.getAnnotation(JsonProperty.class).value()))
        .containsExactlyElementsOf(MskIamOptions.NAMES);
  }

  @Test
  void theProviderClassNameIsTheProviders()
  {
    assertThat(MskIamOptions.PROVIDER_CLASS).isEqualTo(MskIamConfigProvider.class.getName());
  }

  @Test
  void theTypeIsTheOneTheModuleRegisters()
  {
    assertThat(ProviderJson.provider()).isInstanceOf(MskIamConfigProvider.class);
    assertThat(ProviderJson.options()).containsEntry("type", MskIamOptions.TYPE);
  }
}
