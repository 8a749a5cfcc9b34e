package dev.toksmith.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.core.compare.TokenizerComparison.NamedTokenizer;
import dev.toksmith.core.compare.TokenizerComparison.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts and ratios checked against values worked out by hand on tiny datasets. */
class TokenizerComparisonTest {

  private static TokenizerComparison twoDatasets() {
    return onTwoDatasets(List.of(
        new NamedTokenizer("words", TinyTokenizers.words("the", "court", "held")),
        new NamedTokenizer("letters", TinyTokenizers.lettersWithByteFallback("thecourldj"))));
  }

  /** {@code tokenizers} compared on the datasets {@code court} and {@code cafe}. */
  static TokenizerComparison onTwoDatasets(List<? extends TokenizerComparison.Contender> tokenizers) {
    TokenizerComparison comparison = new TokenizerComparison(tokenizers);
    TokenizerComparison.Dataset court = comparison.startDataset("court");
    // "the court held\n": 15 chars, 3 words; "the judge held": 14 chars, 3 words.
    court.accept("the court held\n");
    court.accept("the judge held");
    court.finish();
    TokenizerComparison.Dataset cafe = comparison.startDataset("cafe");
    // "té é": 4 code points, 2 words, 6 bytes (é is 2 bytes).
    cafe.accept("té é");
    cafe.finish();
    return comparison;
  }

  @Test
  void countsEveryTokenizerOnEveryDataset() {
    TokenizerComparison comparison = twoDatasets();
    // words: "the court held" 3 tokens, "the judge held" 3 tokens of which "judge" is [UNK].
    assertEquals(new Result("words", "court", 2, 29, 6, 29, 0, 6, 1, 0), comparison.result("words", "court"));
    // letters: one token per character. The 23 letters other than 'g' are tokens; 'g', the 4 spaces
    // and the newline fall back to one <0xNN> token each: 29 tokens, 6 of them byte fallback.
    assertEquals(new Result("letters", "court", 2, 29, 6, 29, 0, 29, 0, 6), comparison.result("letters", "court"));
    // "té é": words: "té" and "é" are both [UNK]; letters: t, then é = <0xC3><0xA9>, space, é again.
    assertEquals(new Result("words", "cafe", 1, 4, 2, 6, 0, 2, 2, 0), comparison.result("words", "cafe"));
    assertEquals(new Result("letters", "cafe", 1, 4, 2, 6, 0, 6, 0, 5), comparison.result("letters", "cafe"));
  }

  @Test
  void ratiosAndUnweightedMeans() {
    TokenizerComparison comparison = twoDatasets();
    Result court = comparison.result("words", "court");
    assertEquals(6.0 / 29, court.tokensPerCharacter(), 1e-12);
    assertEquals(1.0, court.tokensPerWord(), 1e-12);
    assertEquals(29.0 / 6, court.charactersPerToken(), 1e-12);
    assertEquals(29.0 / 6, court.bytesPerToken(), 1e-12);
    assertEquals(1.0 / 6, court.fallbackShare(), 1e-12);
    TokenizerComparison.Mean words = comparison.mean("words");
    assertEquals(2, words.datasets());
    // The mean of the two datasets' TPC, not the TPC of the pooled text ((6 + 2) / 33).
    assertEquals((6.0 / 29 + 2.0 / 4) / 2, words.tokensPerCharacter(), 1e-12);
    assertEquals((1.0 + 1.0) / 2, words.tokensPerWord(), 1e-12);
    assertEquals((29.0 / 6 + 4.0 / 2) / 2, words.charactersPerToken(), 1e-12);
    assertEquals((29.0 / 6 + 6.0 / 2) / 2, words.bytesPerToken(), 1e-12);
    assertEquals((1.0 / 6 + 1.0) / 2, words.fallbackShare(), 1e-12);
  }

  @Test
  void relativeSizePerDatasetAndOverall() {
    TokenizerComparison comparison = twoDatasets();
    assertEquals(6.0 / 29, comparison.relativeSize("words", "letters", "court").ratio(), 1e-12);
    double wordsMean = (6.0 / 29 + 2.0 / 4) / 2;
    double lettersMean = (29.0 / 29 + 6.0 / 4) / 2;
    assertEquals(wordsMean / lettersMean, comparison.relativeSize("words", "letters").ratio(), 1e-12);
  }

  @Test
  void resultsComeByTokenizerThenDataset() {
    List<String> order = twoDatasets().results().stream().map(r -> r.tokenizer() + "/" + r.dataset()).toList();
    assertEquals(List.of("words/court", "words/cafe", "letters/court", "letters/cafe"), order);
  }

  @Test
  void emptyDatasetGivesNaNRatios() {
    TokenizerComparison comparison = new TokenizerComparison(List.of(new NamedTokenizer("words", TinyTokenizers.words("a"))));
    comparison.startDataset("empty").finish();
    Result empty = comparison.result("words", "empty");
    assertEquals(0, empty.documents());
    assertTrue(Double.isNaN(empty.tokensPerCharacter()));
    assertTrue(Double.isNaN(empty.charactersPerToken()));
  }

  @Test
  void misuseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TokenizerComparison(List.of()));
    NamedTokenizer a = new NamedTokenizer("a", TinyTokenizers.words("a"));
    assertThrows(IllegalArgumentException.class, () -> new TokenizerComparison(List.of(a, a)));
    TokenizerComparison comparison = new TokenizerComparison(List.of(a));
    TokenizerComparison.Dataset first = comparison.startDataset("x");
    assertThrows(IllegalStateException.class, () -> comparison.startDataset("y"));
    first.finish();
    assertThrows(IllegalStateException.class, () -> first.accept("late"));
    assertThrows(IllegalArgumentException.class, () -> comparison.startDataset("x"));
  }
}
