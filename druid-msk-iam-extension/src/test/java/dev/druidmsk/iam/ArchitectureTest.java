package dev.druidmsk.iam;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.druidmsk.iam.internals.MskIamLibrary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The extension's shape, enforced: no two classes depend on each other, one door to the library's internals.
 * Rules are methods, not fields: Surefire's class filter drops ArchUnit's field tests without running them.
 */
@AnalyzeClasses(packages = "dev.druidmsk.iam", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest
{
  /** Each top-level class with its nested and anonymous classes. */
  private static final SliceAssignment TOP_LEVEL_CLASSES = new SliceAssignment()
  {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass)
    {
      return SliceIdentifier.of(javaClass.getName().replaceFirst("\\$.*", ""));
    }

    @Override
    public String getDescription()
    {
      return "top-level classes";
    }
  };

  @ArchTest
  static void noTwoClassesDependOnEachOther(JavaClasses classes)
  {
    slices().assignedFrom(TOP_LEVEL_CLASSES).should().beFreeOfCycles().check(classes);
  }

  @ArchTest
  static void onlyTheAdapterUsesTheLibrarysInternals(JavaClasses classes)
  {
    noClasses().that().doNotBelongToAnyOf(MskIamLibrary.class)
               .should().dependOnClassesThat().resideInAPackage("software.amazon.msk.auth.iam.internals..")
               .because("aws-msk-iam-auth's internals are not its API: an upgrade must touch MskIamLibrary only")
               .check(classes);
  }
}
