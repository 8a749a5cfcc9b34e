package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.toksmith.ExportedPackages;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The command line is a library user like any other: its main classes use toksmith's library through
 * the packages the library modules export (read from their module-info.java) and nothing else, as a
 * user's code on the module path must. It stays on the class path itself (picocli, Jackson and the
 * shaded jar make a module of it costly), where the compiler would not notice, so this test does.
 */
class ExportedPackagesOnlyTest {
  @Test
  void theCommandLineUsesExportedPackagesOnly() {
    Set<String> exported = ExportedPackages.of(Path.of(".."));
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.toksmith.cli");
    assertEquals(Map.of(), ExportedPackages.reachingPast(classes, exported, Set.of("dev.toksmith.cli")));
  }
}
