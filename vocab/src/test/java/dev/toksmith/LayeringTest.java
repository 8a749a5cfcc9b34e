package dev.toksmith;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.toksmith.vocab.glyphs.GlyphFont;
import dev.toksmith.vocab.glyphs.HexFont;
import dev.toksmith.vocab.glyphs.OutlineFont;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of docs/library-architecture.md, checked over the compiled classes of the
 * library modules (core, vocab), so that a wrong import fails the build.
 */
class LayeringTest {
  /** Main classes only: test classes live in the same packages and may reach anywhere. */
  private static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

  private static final JavaClasses LIBRARY = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("dev.toksmith.api", "dev.toksmith.core", "dev.toksmith.vocab", "dev.toksmith");

  private static final String[] INTERNAL = {"dev.toksmith.core..", "dev.toksmith.vocab.."};

  /**
   * api types that still import internals, each to be inverted or moved to the facade (see
   * docs/library-architecture.md); {@link #theKnownExceptionsAreExactlyTheApiTypesThatImportInternals}
   * keeps the list from going stale, so it can only shrink.
   */
  private static final Set<String> API_IMPORTING_INTERNALS = Set.of(
      "dev.toksmith.api.CharVocabulary", "dev.toksmith.api.DynamicMerger", "dev.toksmith.api.WordPooledTokenizer");

  private static final DescribedPredicate<JavaClass> KNOWN_EXCEPTION =
      DescribedPredicate.describe("a known exception", c -> API_IMPORTING_INTERNALS.contains(c.getName().replaceFirst("\\$.*", "")));

  @Test
  void apiImportsNothingInternalNorTheFacade() {
    noClasses().that().resideInAPackage("dev.toksmith.api").and(DescribedPredicate.not(KNOWN_EXCEPTION))
        .should().dependOnClassesThat().resideInAnyPackage("dev.toksmith.core..", "dev.toksmith.vocab..", "dev.toksmith")
        .check(LIBRARY);
  }

  @Test
  void theKnownExceptionsAreExactlyTheApiTypesThatImportInternals() {
    Set<String> importing = new TreeSet<>();
    for (JavaClass c : LIBRARY) {
      if (!c.getPackageName().equals("dev.toksmith.api")) continue;
      boolean internal = c.getDirectDependenciesFromSelf().stream().anyMatch(d -> {
        String target = d.getTargetClass().getPackageName();
        return target.startsWith("dev.toksmith.core") || target.startsWith("dev.toksmith.vocab");
      });
      if (internal) importing.add(c.getName().replaceFirst("\\$.*", ""));
    }
    assertEquals(new TreeSet<>(API_IMPORTING_INTERNALS), importing);
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

  /** The top-level classes of the facade and the formats (nested classes count as their outer class). */
  private static final SliceAssignment FILES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      String p = c.getPackageName();
      return p.equals("dev.toksmith") || p.startsWith("dev.toksmith.vocab") ? SliceIdentifier.of(c.getName().replaceFirst("\\$.*", "")) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "files of dev.toksmith and dev.toksmith.vocab..";
    }
  };

  @Test
  void noCycleBetweenFilesOfTheFacadeAndTheFormats() {
    // Known cycles, older than this test, each to be broken: an interface and the value it fills
    // (WordCounts.count asks the trainer for its counter), an interface and its factory of
    // implementations (GlyphFont.open), and the build-time tool in CompactRanks that reads through
    // TiktokenEncodings.
    slices().assignedFrom(FILES).should().beFreeOfCycles()
        .ignoreDependency(WordCounts.class, WordCountTrainer.class)
        .ignoreDependency(GlyphFont.class, HexFont.class)
        .ignoreDependency(GlyphFont.class, OutlineFont.class)
        .ignoreDependency(DescribedPredicate.describe("CompactRanks", c -> c.getName().equals("dev.toksmith.vocab.tiktoken.CompactRanks")),
            DescribedPredicate.describe("TiktokenEncodings", c -> c.getName().startsWith("dev.toksmith.vocab.tiktoken.TiktokenEncodings")))
        .check(LIBRARY);
  }

  @Test
  void noCycleBetweenTheFormatPackages() {
    slices().matching("dev.toksmith.vocab.(**)").should().beFreeOfCycles().check(LIBRARY);
  }
}
