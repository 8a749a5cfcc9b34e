package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.WordPooledTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A word-pooled tokenizer (UTF-8 byte units, rows of 4) compared beside an ordinary one on the tiny
 * datasets of {@link TokenizerComparisonTest}: {@code court} = {@code "the court held\n"} and {@code
 * "the judge held"}, {@code cafe} = {@code "té é"}; every figure counted by hand.
 */
class WordPooledComparisonTest {

  private static ComparisonResults twoDatasets() {
    return TokenizerComparisonTest.onTwoDatasets(List.of(
        new NamedTokenizer("words", TinyTokenizers.words("the", "court", "held")),
        new NamedWordPooled("pooled", WordPooledTokenizer.bytes(4, 2))));
  }

  @Test
  void wordPooledFiguresPerDataset() {
    ComparisonResults comparison = twoDatasets();
    // "the court held\n": words "the" (3 bytes), " court" (6), " held" (5), "\n" (1): rows 1 + 2 + 2 + 1.
    // "the judge held": "the" (3), " judge" (6), " held" (5): rows 1 + 2 + 2. Four words exceed 4 units.
    // Units sorted 1 3 3 5 5 6 6; nearest rank ceil(0.95 * 7) = 7 -> 6.
    assertEquals(new WordPooledResult("pooled", "court", 4, 29, 7, 11, 29, 6, 4), comparison.wordPooledResult("pooled", "court"));
    // "té é": "té" (3 bytes), " é" (3): one row each, none overflows; rank ceil(0.95 * 2) = 2 -> 3.
    assertEquals(new WordPooledResult("pooled", "cafe", 4, 4, 2, 2, 6, 3, 0), comparison.wordPooledResult("pooled", "cafe"));
    WordPooledResult court = comparison.wordPooledResult("pooled", "court");
    assertEquals(7.0 / 29, court.wordsPerCharacter(), 1e-12);
    assertEquals(29.0 / 7, court.unitsPerWord(), 1e-12);
    assertEquals(4.0 / 7, court.overflowShare(), 1e-12);
    assertEquals(List.of("pooled/court", "pooled/cafe"), comparison.wordPooledResults().stream().map(r -> r.tokenizer() + "/" + r.dataset()).toList());
  }

  @Test
  void aWordPooledTokenIsARow() {
    ComparisonResults comparison = twoDatasets();
    // Rows are the tokens: 11 on court, 2 on cafe; never unknown or byte fallback.
    assertEquals(new DatasetResult("pooled", "court", 2, 29, 6, 29, 0, 11, 0, 0), comparison.result("pooled", "court"));
    assertEquals(new DatasetResult("pooled", "cafe", 1, 4, 2, 6, 0, 2, 0, 0), comparison.result("pooled", "cafe"));
    assertEquals((11.0 / 29 + 2.0 / 4) / 2, comparison.mean("pooled").tokensPerCharacter(), 1e-12);
    // The ordinary tokenizer is counted as before: 6 tokens on court.
    assertEquals(6, comparison.result("words", "court").tokens());
    assertEquals(11.0 / 6, comparison.relativeSize("pooled", "words", "court").ratio(), 1e-12);
    assertTrue(comparison.isWordPooled("pooled"));
    assertFalse(comparison.isWordPooled("words"));
    assertThrows(IllegalArgumentException.class, () -> comparison.wordPooledResult("words", "court"));
  }

  @Test
  void emptyDatasetGivesNaNRatios() {
    TokenizerComparison comparison = new TokenizerComparison(List.of(new NamedWordPooled("pooled", WordPooledTokenizer.codePoints(8, 0))));
    comparison.startDataset("empty").finish();
    WordPooledResult empty = comparison.results().wordPooledResult("pooled", "empty");
    assertEquals(0, empty.words());
    assertTrue(Double.isNaN(empty.wordsPerCharacter()));
    assertTrue(Double.isNaN(empty.unitsPerWord()));
    assertTrue(Double.isNaN(empty.overflowShare()));
  }
}
