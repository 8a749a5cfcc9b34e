package dev.toksmith.core.models.unicode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected n-grams counted by hand on tiny corpora. */
class NgramCounterTest {

  private static List<String> select(int[] sizes, int perScript, long minCount, String... documents) {
    NgramCounter counter = new NgramCounter(sizes);
    for (String d : documents) counter.add(d);
    return counter.select(perScript, minCount, UnicodeVocabulary.NGRAM_CAPACITY);
  }

  @Test
  void mostFrequentPerSizeThenLongestFirst() {
    // th 3, he 3, en 1, ee 1; the 3, hen 1, hee 1: two of each, ties in code point order.
    assertEquals(List.of("the", "hee", "he", "th"), select(new int[] {2, 3}, 2, 1, "the then thee\n"));
  }

  @Test
  void eachScriptGetsItsOwnShareAndRunsNeverCrossScriptsOrNonLetters() {
    // Cyrillic: ми 2, ир 2 (и < м); Latin: ab 1 (a|б, 12, x.y give nothing).
    assertEquals(List.of("ир", "ab"), select(new int[] {2}, 1, 1, "мир мир ab\n", "aб 12 x.y\n"));
    assertEquals(List.of("ир"), select(new int[] {2}, 1, 2, "мир мир ab\n", "aб 12 x.y\n"));
  }

  @Test
  void combiningMarksJoinTheirRunAndUnreachableNgramsAreDropped() {
    assertEquals(List.of("e\u0301x", "e\u0301", "\u0301x"), select(new int[] {2, 3}, 5, 1, "e\u0301x"));
    // Without bigrams no split of the trigram has two tokens as halves.
    assertEquals(List.of(), select(new int[] {3}, 5, 1, "e\u0301x"));
  }
}
