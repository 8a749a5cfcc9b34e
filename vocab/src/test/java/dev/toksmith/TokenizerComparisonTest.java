package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts and ratios checked against values worked out by hand on tiny datasets. */
class TokenizerComparisonTest {

  private static ComparisonResults twoDatasets() {
    return onTwoDatasets(List.of(
        new NamedTokenizer("words", TinyTokenizers.words("the", "court", "held")),
        new NamedTokenizer("letters", TinyTokenizers.lettersWithByteFallback("thecourldj"))));
  }

  /** {@code tokenizers} compared on the datasets {@code court} and {@code cafe}. */
  static ComparisonResults onTwoDatasets(List<? extends Contender> tokenizers) {
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
    return comparison.results();
  }

  @Test
  void countsEveryTokenizerOnEveryDataset() {
    ComparisonResults comparison = twoDatasets();
    // words: "the court held" 3 tokens, "the judge held" 3 tokens of which "judge" is [UNK].
    assertEquals(new DatasetResult("words", "court", 2, 29, 6, 29, 0, 6, 1, 0), comparison.result("words", "court"));
    // letters: one token per character. The 23 letters other than 'g' are tokens; 'g', the 4 spaces
    // and the newline fall back to one <0xNN> token each: 29 tokens, 6 of them byte fallback.
    assertEquals(new DatasetResult("letters", "court", 2, 29, 6, 29, 0, 29, 0, 6), comparison.result("letters", "court"));
    // "té é": words: "té" and "é" are both [UNK]; letters: t, then é = <0xC3><0xA9>, space, é again.
    assertEquals(new DatasetResult("words", "cafe", 1, 4, 2, 6, 0, 2, 2, 0), comparison.result("words", "cafe"));
    assertEquals(new DatasetResult("letters", "cafe", 1, 4, 2, 6, 0, 6, 0, 5), comparison.result("letters", "cafe"));
  }

  @Test
  void ratiosAndUnweightedMeans() {
    ComparisonResults comparison = twoDatasets();
    DatasetResult court = comparison.result("words", "court");
    assertEquals(6.0 / 29, court.tokensPerCharacter(), 1e-12);
    assertEquals(1.0, court.tokensPerWord(), 1e-12);
    assertEquals(29.0 / 6, court.charactersPerToken(), 1e-12);
    assertEquals(29.0 / 6, court.bytesPerToken(), 1e-12);
    assertEquals(1.0 / 6, court.fallbackShare(), 1e-12);
    MeanResult words = comparison.mean("words");
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
    ComparisonResults comparison = twoDatasets();
    assertEquals(6.0 / 29, comparison.relativeSize("words", "letters", "court").ratio(), 1e-12);
    double wordsMean = (6.0 / 29 + 2.0 / 4) / 2;
    double lettersMean = (29.0 / 29 + 6.0 / 4) / 2;
    assertEquals(wordsMean / lettersMean, comparison.relativeSize("words", "letters").ratio(), 1e-12);
  }

  @Test
  void resultsComeByTokenizerThenDataset() {
    List<String> order = twoDatasets().datasetResults().stream().map(r -> r.tokenizer() + "/" + r.dataset()).toList();
    assertEquals(List.of("words/court", "words/cafe", "letters/court", "letters/cafe"), order);
  }

  @Test
  void resultsAreASnapshotOfTheFinishedDatasets() {
    TokenizerComparison comparison = new TokenizerComparison(List.of(new NamedTokenizer("words", TinyTokenizers.words("the", "court"))));
    ComparisonResults none = comparison.results();
    TokenizerComparison.Dataset court = comparison.startDataset("court");
    court.accept("the court");
    ComparisonResults unfinished = comparison.results();
    court.finish();
    ComparisonResults finished = comparison.results();
    assertEquals(List.of(), none.datasetNames());
    assertEquals(List.of(), unfinished.datasetResults());
    assertTrue(Double.isNaN(unfinished.mean("words").tokensPerCharacter()));
    assertEquals(List.of("court"), finished.datasetNames());
    assertEquals(new DatasetResult("words", "court", 1, 9, 2, 9, 0, 2, 0, 0), finished.result("words", "court"));
    assertThrows(UnsupportedOperationException.class, () -> finished.datasetResults().clear());
    comparison.startDataset("more").finish();
    assertEquals(List.of("court"), finished.datasetNames(), "a snapshot does not follow later datasets");
    assertThrows(IllegalArgumentException.class, () -> finished.result("words", "more"));
  }

  @Test
  void emptyDatasetGivesNaNRatios() {
    TokenizerComparison comparison = new TokenizerComparison(List.of(new NamedTokenizer("words", TinyTokenizers.words("a"))));
    comparison.startDataset("empty").finish();
    DatasetResult empty = comparison.results().result("words", "empty");
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
