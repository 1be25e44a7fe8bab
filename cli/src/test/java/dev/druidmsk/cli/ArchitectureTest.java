package dev.druidmsk.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ExitCode;
import picocli.CommandLine;

import java.lang.annotation.Annotation;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the cli, as rules over its compiled classes (tests excluded):
 * <ul>
 *   <li>no cycle between the packages below {@code dev.druidmsk.cli};</li>
 *   <li>the root package (the {@code druid-msk} command) is on top: no other package depends on it;</li>
 *   <li>the command groups {@code spec}, {@code policy}, {@code doctor} and {@code migrate} are used by the root only,
 *   never by each other or by the shared packages;</li>
 *   <li>{@code iam} (the reader role's IAM policy model) is used by {@code policy}, which prints it, and
 *   {@code doctor}, which names its statements, only;</li>
 *   <li>{@code druid} is used by the root and the groups; {@code input} by those and {@code druid};
 *   {@code common} by everything (it depends on no other package of the cli);</li>
 *   <li>picocli is used only by commands and mixins: classes annotated {@code @Command}, classes declaring a field
 *   annotated {@code @Option}, {@code @Parameters}, {@code @Mixin}, {@code @ArgGroup} or {@code @Spec} (mixins and
 *   argument groups), and picocli plug-ins ({@code IVersionProvider}, {@code ITypeConverter});</li>
 *   <li>{@link CliException} and {@link ExitCode}, a command's outcome, are used only by those commands and mixins
 *   (and by each other): the code they call throws its own exceptions.</li>
 * </ul>
 */
// Rules run from @ArchTest methods: Surefire 3.5.3 skips @ArchTest fields (TNG/ArchUnit#1442).
@AnalyzeClasses(packages = "dev.druidmsk.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest
{
  private static final String ROOT = "dev.druidmsk.cli";
  private static final List<Class<? extends Annotation>> PICOCLI_FIELD_ANNOTATIONS = List.of(
      CommandLine.Option.class, CommandLine.Parameters.class, CommandLine.Mixin.class, CommandLine.ArgGroup.class,
      CommandLine.Spec.class
  );

  private static final DescribedPredicate<JavaClass> COMMANDS_AND_MIXINS = new DescribedPredicate<>(
      "commands, mixins and picocli plug-ins"
  )
  {
    @Override
    public boolean test(JavaClass javaClass)
    {
      return javaClass.isAnnotatedWith(CommandLine.Command.class)
             || javaClass.getFields().stream().anyMatch(
                 field -> PICOCLI_FIELD_ANNOTATIONS.stream().anyMatch(field::isAnnotatedWith))
             || javaClass.isAssignableTo(CommandLine.IVersionProvider.class)
             || javaClass.isAssignableTo(CommandLine.ITypeConverter.class);
    }
  };

  private static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

  private static final ArchRule LAYERS = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("root").definedBy(ROOT)
      .layer("spec").definedBy(ROOT + ".spec..")
      .layer("policy").definedBy(ROOT + ".policy..")
      .layer("doctor").definedBy(ROOT + ".doctor..")
      .layer("migrate").definedBy(ROOT + ".migrate..")
      .layer("iam").definedBy(ROOT + ".iam..")
      .layer("druid").definedBy(ROOT + ".druid..")
      .layer("input").definedBy(ROOT + ".input..")
      .layer("common").definedBy(ROOT + ".common..")
      .whereLayer("root").mayNotBeAccessedByAnyLayer()
      .whereLayer("spec").mayOnlyBeAccessedByLayers("root")
      .whereLayer("policy").mayOnlyBeAccessedByLayers("root")
      .whereLayer("doctor").mayOnlyBeAccessedByLayers("root")
      .whereLayer("migrate").mayOnlyBeAccessedByLayers("root")
      .whereLayer("iam").mayOnlyBeAccessedByLayers("policy", "doctor")
      .whereLayer("druid").mayOnlyBeAccessedByLayers("root", "spec", "policy", "doctor", "migrate")
      .whereLayer("input").mayOnlyBeAccessedByLayers("root", "spec", "policy", "doctor", "migrate", "druid")
      .whereLayer("common")
      .mayOnlyBeAccessedByLayers("root", "spec", "policy", "doctor", "migrate", "iam", "druid", "input")
      .because("the command groups stand side by side over the shared packages, and the root command is on top");

  private static final ArchRule ONLY_COMMANDS_AND_MIXINS_USE_PICOCLI = noClasses()
      .that(not(COMMANDS_AND_MIXINS))
      .should().dependOnClassesThat().resideInAPackage("picocli..")
      .because("the work lives outside the command line and can be called without it");

  private static final ArchRule ONLY_COMMANDS_AND_MIXINS_DECIDE_EXIT_CODES = noClasses()
      .that(not(COMMANDS_AND_MIXINS))
      .and().doNotBelongToAnyOf(CliException.class, ExitCode.class)
      .should().dependOnClassesThat().belongToAnyOf(CliException.class, ExitCode.class)
      .because("code below the commands throws its own exceptions; only commands map failures to exit codes");

  @ArchTest
  static void packagesFormNoCycle(JavaClasses classes)
  {
    PACKAGES_FORM_NO_CYCLE.check(classes);
  }

  @ArchTest
  static void commandGroupsStandSideBySideOverTheSharedPackages(JavaClasses classes)
  {
    LAYERS.check(classes);
  }

  @ArchTest
  static void onlyCommandsAndMixinsUsePicocli(JavaClasses classes)
  {
    ONLY_COMMANDS_AND_MIXINS_USE_PICOCLI.check(classes);
  }

  @ArchTest
  static void onlyCommandsAndMixinsDecideExitCodes(JavaClasses classes)
  {
    ONLY_COMMANDS_AND_MIXINS_DECIDE_EXIT_CODES.check(classes);
  }
}
