package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.toksmith.ExportedPackages;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Spark job uses toksmith's library through the packages the library modules export (read from
 * their module-info.java), and the command line it builds on, as the command line itself does (its
 * ExportedPackagesOnlyTest): on the class path the compiler would not notice, so this test does.
 */
class ExportedPackagesOnlyTest {
  @Test
  void theSparkJobUsesExportedPackagesOnly() {
    Set<String> exported = ExportedPackages.of(Path.of(".."));
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.toksmith.spark");
    assertEquals(Map.of(), ExportedPackages.reachingPast(classes, exported, Set.of("dev.toksmith.spark", "dev.toksmith.cli")));
  }
}
