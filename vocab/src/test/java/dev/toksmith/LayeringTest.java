package dev.toksmith;

import dev.toksmith.core.unicode.NormalizedString;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import dev.toksmith.core.unicode.TokenTrie;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

  private static String packageOf(String file) {
    return file.substring(0, file.lastIndexOf('.'));
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

  /**
   * A dependency that closes a cycle older than this test, left out of the cycle checks until it is
   * broken: from the files matching {@code from} (a top-level class, or {@code pkg..} for every file
   * under a package) to the file {@code to}. {@link #theKnownCyclesAreStillCycles} fails once it no
   * longer closes one, so the list can only shrink.
   */
  private record KnownCycle(String from, String to, String reason) {
    boolean matches(String fromFile, String toFile) {
      return toFile.equals(to) && (from.endsWith("..") ? fromFile.startsWith(from.substring(0, from.length() - 1)) : fromFile.equals(from));
    }

    DescribedPredicate<JavaClass> origin() {
      return DescribedPredicate.describe(from, c -> from.endsWith("..") ? file(c).startsWith(from.substring(0, from.length() - 1)) : file(c).equals(from));
    }

    DescribedPredicate<JavaClass> target() {
      return DescribedPredicate.describe(to, c -> file(c).equals(to));
    }
  }

  /** Cycles between files (and so between their packages too). */
  private static final List<KnownCycle> FILE_CYCLES = List.of(
      new KnownCycle("dev.toksmith.core.PostProcessedTokenizer", "dev.toksmith.core.Pipeline",
          "the shared base of the tokenizers declares the conversion to a pipeline, which is one of them"),
      new KnownCycle("dev.toksmith.core.lm.CanonicalMasks", "dev.toksmith.core.lm.TokenBytes",
          "the local canonicality test reads the byte view that builds it: the view's tables to split from its construction"),
      new KnownCycle("dev.toksmith.core.lm.SegmentMasks", "dev.toksmith.core.lm.TokenBytes",
          "as CanonicalMasks, for the test through added tokens and NFC"));

  /** Cycles between packages whose files form no cycle. */
  private static final List<KnownCycle> PACKAGE_CYCLES = List.of();

  @Test
  void noCycleBetweenPackages() {
    SliceRule rule = slices().assignedFrom(slicing("library packages", JavaClass::getPackageName)).should().beFreeOfCycles();
    for (KnownCycle known : PACKAGE_CYCLES) rule = rule.ignoreDependency(known.origin(), known.target());
    for (KnownCycle known : FILE_CYCLES) rule = rule.ignoreDependency(known.origin(), known.target());
    rule.check(LIBRARY);
  }

  @Test
  void noCycleBetweenFiles() {
    SliceRule rule = slices().assignedFrom(slicing("library files (top-level classes)", LayeringTest::file)).should().beFreeOfCycles();
    for (KnownCycle known : FILE_CYCLES) rule = rule.ignoreDependency(known.origin(), known.target());
    rule.check(LIBRARY);
  }

  @Test
  void theKnownCyclesAreStillCycles() {
    Map<String, Set<String>> files = new TreeMap<>();
    Map<String, Set<String>> packages = new TreeMap<>();
    for (JavaClass c : LIBRARY) {
      if (!inLibrary(c)) continue;
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        if (!inLibrary(target) || file(target).equals(file(c))) continue;
        files.computeIfAbsent(file(c), k -> new TreeSet<>()).add(file(target));
        if (!target.getPackageName().equals(c.getPackageName())) packages.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>()).add(target.getPackageName());
      }
    }
    List<String> stale = new ArrayList<>();
    for (KnownCycle known : FILE_CYCLES) {
      boolean closes = files.entrySet().stream().anyMatch(e -> e.getValue().stream().anyMatch(to -> known.matches(e.getKey(), to) && reaches(files, to, e.getKey())));
      if (!closes) stale.add(known.toString());
    }
    for (KnownCycle known : PACKAGE_CYCLES) {
      boolean closes = files.entrySet().stream().anyMatch(e -> e.getValue().stream().anyMatch(to -> known.matches(e.getKey(), to)
          && !packageOf(to).equals(packageOf(e.getKey())) && reaches(packages, packageOf(to), packageOf(e.getKey()))));
      if (!closes) stale.add(known.toString());
    }
    assertEquals(List.of(), stale, "known cycles that are no more: remove them from the list");
  }

  /** Whether {@code from} reaches {@code to} in {@code graph}. */
  private static boolean reaches(Map<String, Set<String>> graph, String from, String to) {
    Set<String> seen = new HashSet<>(Set.of(from));
    ArrayDeque<String> todo = new ArrayDeque<>(seen);
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (next.equals(to)) return true;
      for (String n : graph.getOrDefault(next, Set.of())) if (seen.add(n)) todo.push(n);
    }
    return false;
  }
}
