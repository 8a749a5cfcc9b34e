package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.MergeStats;
import dev.toksmith.api.WordPooledTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dynamic merging beside the token counts, on the datasets of {@link TokenizerComparisonTest},
 * counted by hand. {@code letters} has no pre-tokenizer, so a line is one pre-token (L_word 1) and
 * merges may cross spaces; {@code words} gives one token per pre-token, already word level.
 */
class MergeComparisonTest {

  private static ComparisonResults merged(int batchSize, int merges) {
    TokenizerComparison comparison = new TokenizerComparison(List.of(
        new NamedTokenizer("words", TinyTokenizers.words("the", "court", "held")),
        new NamedTokenizer("letters", TinyTokenizers.lettersWithByteFallback("thecourldj")),
        new NamedWordPooled("pooled", WordPooledTokenizer.bytes(4, 0))), new MergeSetting(batchSize, merges));
    TokenizerComparison.Dataset court = comparison.startDataset("court");
    court.accept("the court held\n");
    court.accept("\n \nthe judge held");
    court.finish();
    TokenizerComparison.Dataset cafe = comparison.startDataset("cafe");
    cafe.accept("té é");
    cafe.finish();
    return comparison.results();
  }

  @Test
  void oneBatchOfTwoLinesWithTwoMerges() {
    ComparisonResults comparison = merged(2, 2);
    // The blank lines are left out; the line ends are not part of the lines. Both lines are 14 letter
    // or byte tokens: t h e _ c o u r t _ h e l d and t h e _ j u d g e _ h e l d. Pair counts: he 4
    // (the, held twice), e_ 3; merge 1 takes he: 12 + 12. Then tH, H_, _H, Hl, ld all 2; the first
    // seen (line 1, left to right) is tH: 11 + 11.
    MergeResult court = comparison.mergeResult("letters", "court");
    assertEquals(new MergeStats(2, 2, 28, 22, 2), court.stats());
    assertEquals(14.0, court.baseLength());
    assertEquals(11.0, court.mergedLength());
    assertEquals(1.0, court.wordLength());
    assertEquals(100.0 * 6 / 26, court.reduction(), 1e-12);
    // "té é" is t <C3> <A9> <20> <C3> <A9>: C3A9 twice first, then t+é, é+_ and _+é once each, t+é first seen: [té][ ][é].
    assertEquals(new MergeStats(1, 2, 6, 3, 1), comparison.mergeResult("letters", "cafe").stats());
    assertEquals(60.0, comparison.mergeResult("letters", "cafe").reduction(), 1e-12);
    // words: 3 tokens a line, each its own pre-token, so no merge is allowed; reduction 100 by definition.
    MergeResult words = comparison.mergeResult("words", "court");
    assertEquals(new MergeStats(2, 0, 6, 6, 6), words.stats());
    assertEquals(100.0, words.reduction());
  }

  @Test
  void batchesOfOneLineMergeEachLineOnItsOwn() {
    ComparisonResults comparison = merged(1, 1);
    // Line 1: he 2, the rest at most 1: 14 -> 12. Line 2: he 2 and e_ 2 (the_, judge_); he is seen first: 14 -> 12.
    assertEquals(new MergeStats(2, 2, 28, 24, 2), comparison.mergeResult("letters", "court").stats());
    assertEquals(List.of("words/court", "words/cafe", "letters/court", "letters/cafe"),
        comparison.mergeResults().stream().map(r -> r.tokenizer() + "/" + r.dataset()).toList());
  }

  @Test
  void noMergingWithoutASettingAndNaNForNoLines() {
    TokenizerComparison plain = new TokenizerComparison(List.of(new NamedTokenizer("words", TinyTokenizers.words("a"))));
    plain.startDataset("x").finish();
    assertTrue(plain.results().mergeResults().isEmpty());
    TokenizerComparison comparison = new TokenizerComparison(List.of(new NamedTokenizer("words", TinyTokenizers.words("a"))), new MergeSetting(4, 10));
    TokenizerComparison.Dataset blank = comparison.startDataset("blank");
    blank.accept("\n  \n");
    blank.finish();
    MergeResult r = comparison.results().mergeResult("words", "blank");
    assertEquals(0, r.stats().sequences());
    assertTrue(Double.isNaN(r.baseLength()) && Double.isNaN(r.reduction()));
    assertThrows(IllegalArgumentException.class, () -> new MergeSetting(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new MergeSetting(1, -1));
  }

  @Test
  void wordPooledTokenizersAreNotMerged() {
    assertThrows(IllegalArgumentException.class, () -> merged(2, 2).mergeResult("pooled", "court"));
  }
}
