package dev.druidmsk.templates;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module's layers, enforced: the spec model at the bottom, templating on it, validation on both.
 * Rules are methods, not fields: Surefire's class filter drops ArchUnit's field tests without running them.
 */
@AnalyzeClasses(packages = "dev.druidmsk.templates", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest
{
  private static final SliceAssignment PACKAGES = new SliceAssignment()
  {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass)
    {
      return SliceIdentifier.of(javaClass.getPackageName());
    }

    @Override
    public String getDescription()
    {
      return "packages";
    }
  };

  @ArchTest
  static void noPackagesDependOnEachOther(JavaClasses classes)
  {
    slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(classes);
  }

  @ArchTest
  static void theSpecModelDependsOnNoOtherPackageOfTheModule(JavaClasses classes)
  {
    noClasses().that().resideInAPackage("dev.druidmsk.templates.spec")
               .should().dependOnClassesThat()
               .resideInAnyPackage("dev.druidmsk.templates", "dev.druidmsk.templates.validation")
               .check(classes);
  }

  /** javac inlines the extension's constants, so only a use of anything else shows up as a dependency. */
  @ArchTest
  static void onlyTheExtensionsConstantsAreUsed(JavaClasses classes)
  {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.druidmsk.iam..")
               .because("the extension's jar is a compile-only dependency, absent from the CLI's class path")
               .check(classes);
  }

  @ArchTest
  static void templatingDoesNotDependOnValidation(JavaClasses classes)
  {
    noClasses().that().resideInAPackage("dev.druidmsk.templates")
               .should().dependOnClassesThat().resideInAPackage("dev.druidmsk.templates.validation")
               .check(classes);
  }
}
