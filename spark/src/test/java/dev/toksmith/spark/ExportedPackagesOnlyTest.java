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
  /**
   * Spark classes that still use internal classes, and which: each to be removed, never added to;
   * {@link #theSparkJobUsesExportedPackagesOnly} fails when the list is stale either way. What is left
   * is reading parts of a corpus as the library reads it whole (a byte range of a text file, a Parquet
   * value, which the exported {@code Corpus} does not take) and the UTF-8 of counted words.
   */
  private static final Map<String, Set<String>> KNOWN = Map.of(
      "dev.toksmith.spark.Inputs", Set.of("dev.toksmith.core.corpus.Containers", "dev.toksmith.core.text.Utf8"),
      "dev.toksmith.spark.SentenceCountsCodec", Set.of("dev.toksmith.core.text.Utf8"),
      "dev.toksmith.spark.SplitReader", Set.of("dev.toksmith.core.corpus.Containers", "dev.toksmith.core.corpus.CorpusReader"));

  @Test
  void theSparkJobUsesExportedPackagesOnly() {
    Set<String> exported = ExportedPackages.of(Path.of(".."));
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.toksmith.spark");
    assertEquals(KNOWN, ExportedPackages.reachingPast(classes, exported, Set.of("dev.toksmith.spark", "dev.toksmith.cli")));
  }
}
