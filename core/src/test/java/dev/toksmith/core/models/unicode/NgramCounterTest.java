package dev.toksmith.core.models.unicode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.api.Corpus;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.api.UnicodeNgramTrainer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  @Test
  void theTrainedTokenizerReachesItsNgrams() throws IOException {
    byte[] text = "the then thee\n".getBytes(StandardCharsets.UTF_8);
    Corpus corpus = Corpus.ofSources(List.of(new Corpus.Source("tiny", () -> new ByteArrayInputStream(text))));
    TrainingResult result = UnicodeNgramTrainer.builder().ngramSizes(List.of(2, 3)).perScript(2).minFrequency(1).build().train(corpus);
    Tokenizer tok = result.tokenizer();
    // the hee he th at 0xD800..; merges t+he, th+e, he+e, h+e, t+h.
    assertEquals(5, result.merges());
    assertEquals(7, result.distinctWords());
    assertArrayEquals(new int[] {0xD800}, tok.encodeIds("the"));
    assertArrayEquals(new int[] {0xD800, 101}, tok.encodeIds("thee"));
    assertArrayEquals(new int[] {0xD803, 0xD801, 32, 0xD802}, tok.encodeIds("thhee he"));
  }
}
