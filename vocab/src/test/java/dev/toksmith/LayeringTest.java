package dev.toksmith;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of docs/library-architecture.md, checked over the compiled classes of the
 * library modules (core, vocab), so that a wrong import fails the build: what each layer may import,
 * and no cycle between the library's packages or between its files.
 */
class LayeringTest {
  /** Main classes only: test classes live in the same packages and may reach anywhere. */
  private static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

  private static final JavaClasses LIBRARY = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("dev.toksmith.api", "dev.toksmith.core", "dev.toksmith.vocab", "dev.toksmith");

  private static final String[] INTERNAL = {"dev.toksmith.core..", "dev.toksmith.vocab.."};

  @Test
  void apiImportsNothingInternalNorTheFacade() {
    noClasses().that().resideInAPackage("dev.toksmith.api")
        .should().dependOnClassesThat().resideInAnyPackage("dev.toksmith.core..", "dev.toksmith.vocab..", "dev.toksmith")
        .check(LIBRARY);
  }

  @Test
  void internalsNeverImportTheFacade() {
    noClasses().that().resideInAnyPackage(INTERNAL).should().dependOnClassesThat().resideInAPackage("dev.toksmith").check(LIBRARY);
  }

  @Test
  void coreKnowsNoJson() {
    noClasses().that().resideInAnyPackage("dev.toksmith.core..", "dev.toksmith.api..").should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
        .check(LIBRARY);
  }

  @Test
  void coreKnowsNoFormatsAndNoFacade() {
    noClasses().that().resideInAnyPackage("dev.toksmith.core..", "dev.toksmith.api..").should().dependOnClassesThat().resideInAnyPackage("dev.toksmith.vocab..", "dev.toksmith")
        .check(LIBRARY);
  }

  @Test
  void theLibraryKnowsNoCli() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.toksmith.cli..").check(LIBRARY);
  }

  /** The library's own packages: api, core.., vocab.. and the facade (not the bundled samples). */
  private static boolean inLibrary(JavaClass c) {
    String p = c.getPackageName();
    return p.equals("dev.toksmith") || p.startsWith("dev.toksmith.api") || p.startsWith("dev.toksmith.core") || p.startsWith("dev.toksmith.vocab");
  }

  /** A class's file: its top-level class, so that nested classes and lambdas count with the class that holds them. */
  private static String file(JavaClass c) {
    return c.getName().replaceFirst("\\$.*", "");
  }

  private static SliceAssignment slicing(String description, Function<JavaClass, String> slice) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        return inLibrary(c) ? SliceIdentifier.of(slice.apply(c)) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return description;
      }
    };
  }

  @Test
  void noCycleBetweenPackages() {
    slices().assignedFrom(slicing("library packages", JavaClass::getPackageName)).should().beFreeOfCycles().check(LIBRARY);
  }

  @Test
  void noCycleBetweenFiles() {
    slices().assignedFrom(slicing("library files (top-level classes)", LayeringTest::file)).should().beFreeOfCycles().check(LIBRARY);
  }
}
