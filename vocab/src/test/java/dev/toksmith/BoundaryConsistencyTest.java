package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Boundary consistency on pairs small enough to align and count by hand. */
class BoundaryConsistencyTest {
  private static final Tokenizer WORDS = TinyTokenizers.words("the", "cat", "sat");

  @Test
  void boundariesAreWhereTokensStartOrEndInCodePoints() {
    // "the cat" -> the (0,3), cat (4,7); the emoji is 2 UTF-16 units but one code point.
    assertArrayEquals(new boolean[] {true, false, false, true, true, false, false, true}, BoundaryConsistency.boundaries(WORDS, "the cat"));
    assertArrayEquals(new boolean[] {true, true, true, false, true}, BoundaryConsistency.boundaries(WORDS, "😀 ab"));
  }

  @Test
  void deletedSpaceLosesTheBoundariesAroundIt() {
    // Clean "the cat sat": interior boundaries 3, 4, 7, 8. Noisy "thecat sat": tokens (0,6), (7,10).
    // The deleted space puts clean 3 and 4 both at noisy 3, no boundary: lost. Clean 7 -> noisy 6,
    // clean 8 -> noisy 7: kept. 2 of 4.
    BoundaryConsistency result = BoundaryConsistency.measure(WORDS, "the cat sat", "thecat sat");
    assertEquals(new BoundaryConsistency(4, 2), result);
    assertEquals(0.5, result.share(), 1e-12);
  }

  @Test
  void substitutionsAndInsertedSpaceKeepEveryBoundary() {
    // Noisy "tbe c at sat": h->b, a space inserted inside "cat". Clean 3 -> 3, 4 -> 4, 7 -> 8, 8 -> 9,
    // all noisy boundaries (tokens (0,3) (4,5) (6,8) (9,12)). The extra noisy boundaries do not count.
    assertEquals(new BoundaryConsistency(4, 4), BoundaryConsistency.measure(WORDS, "the cat sat", "tbe c at sat"));
  }

  @Test
  void insertedRunKeepsABoundaryIfAnyPositionInItIsOne() {
    // Clean boundaries at 1 and 2 of "abc"; noisy "aXYbc" inserts XY at clean position 1, which lines up
    // with noisy 1..3: a boundary at noisy 2 keeps it. Clean 2 lines up with noisy 4, not a boundary.
    EditAlignment alignment = EditAlignment.of("abc", "aXYbc");
    boolean[] clean = {true, true, true, true};
    boolean[] noisy = {true, false, true, false, false, true};
    assertEquals(new BoundaryConsistency(2, 1), BoundaryConsistency.measure(clean, noisy, alignment));
  }

  @Test
  void textDeletedUpToTheNoisyStartKeepsItsBoundaries() {
    // "ab" -> "b": clean position 1 lines up with noisy 0, the start of the noisy text.
    EditAlignment alignment = EditAlignment.of("ab", "b");
    assertEquals(new BoundaryConsistency(1, 1), BoundaryConsistency.measure(new boolean[] {true, true, true}, new boolean[] {true, true}, alignment));
  }

  @Test
  void poolingAddsCounts() {
    assertEquals(new BoundaryConsistency(7, 5), new BoundaryConsistency(4, 2).plus(new BoundaryConsistency(3, 3)));
    assertTrue(Double.isNaN(new BoundaryConsistency(0, 0).share()));
  }

  /** The shared OCR pairs (pdftotext output and its cleaned text), when present. */
  @Test
  void sharedOcrLayoutPairs() throws IOException {
    Path dir = sharedOcrLayout();
    Assumptions.assumeTrue(dir != null, "no ../shared/corpora/ocr-layout beside the project");
    List<Path> cleans;
    try (Stream<Path> files = Files.list(dir)) {
      // The three smallest: opinions whose footnotes moved cost O(n·d) with d in the tens of thousands.
      cleans = files.filter(f -> f.getFileName().toString().endsWith(".clean.txt")).sorted(Comparator.comparingLong(BoundaryConsistencyTest::size)).limit(3).toList();
    }
    Assumptions.assumeFalse(cleans.isEmpty());
    BoundaryConsistency pooled = new BoundaryConsistency(0, 0);
    Tokenizer words = TinyTokenizers.words();
    for (Path clean : cleans) {
      Path raw = clean.resolveSibling(clean.getFileName().toString().replace(".clean.txt", ".raw.txt"));
      pooled = pooled.plus(BoundaryConsistency.measure(words, Files.readString(clean), Files.readString(raw)));
    }
    // The noise is layout only: line breaks for spaces, running heads and page numbers added. So
    // every boundary of whitespace-split words survives, if the alignment lines the words up.
    assertTrue(pooled.cleanBoundaries() > 1000, pooled.toString());
    assertEquals(pooled.cleanBoundaries(), pooled.kept(), pooled.toString());
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code shared/corpora/ocr-layout} beside the project root or, for a work tree, beside one of its parents. */
  private static Path sharedOcrLayout() {
    for (Path p = Path.of("").toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      Path dir = p.resolveSibling("shared").resolve("corpora").resolve("ocr-layout");
      if (Files.isDirectory(dir)) return dir;
    }
    return null;
  }
}
