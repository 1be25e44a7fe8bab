package dev.druidmsk.templates.validation;

import java.nio.file.Path;

/**
 * What one {@code druid-msk spec validate} does, for the benchmark's fresh-JVM figure: render the MSK IAM template,
 * load Druid from the home given as the only argument, validate, print the in-process time, exit 0 when valid.
 */
public final class RenderValidateOnce
{
  private RenderValidateOnce()
  {
  }

  public static void main(String[] args) throws Exception
  {
    final long start = System.nanoTime();
    final ValidationResult result;
    try (SpecValidator validator = SpecValidator.forDruidHome(Path.of(args[0]))) {
      result = validator.validate(SampleSpecs.render("msk-iam-api-telemetry", SampleSpecs.MSK_VALUES));
    }
    System.out.println("in-process-ms=" + (System.nanoTime() - start) / 1_000_000);
    System.exit(result.ok() ? 0 : 1);
  }
}
