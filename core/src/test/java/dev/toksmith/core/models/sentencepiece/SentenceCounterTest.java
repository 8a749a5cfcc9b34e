package dev.toksmith.core.models.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * How sentences become counted words: the splits of SentencePiece's {@code SplitIntoWords} tests
 * (model_interface_test.cc), with each word's next character; special pieces as boundaries; the skip
 * rules of {@code LoadSentences}.
 */
class SentenceCounterTest {
  private static final String WS = "\u2581";

  @Test
  void splitsBeforeEachSpace() {
    assertEquals(Map.of(WS + "this|" + WS, 1L, WS + "is|" + WS, 1L, WS + "a|" + WS, 1L, WS + "pen|", 1L), words(raw(false, false), WS + "this" + WS + "is" + WS + "a" + WS + "pen"));
    assertEquals(Map.of("this|" + WS, 1L, WS + "is|" + WS, 1L, WS + "a|" + WS, 1L, WS + "pen|", 1L), words(raw(false, false), "this" + WS + "is" + WS + "a" + WS + "pen"));
    assertEquals(Map.of(WS + "this|" + WS, 1L, WS + "|" + WS, 1L, WS + "is|", 1L), words(raw(false, false), WS + "this" + WS + WS + "is"));
    assertEquals(Map.of("hello|", 1L), words(raw(false, false), "hello"));
  }

  @Test
  void splitsAfterEachSpaceAsSuffix() {
    assertEquals(Map.of("this" + WS + "|i", 1L, "is" + WS + "|a", 1L, "a" + WS + "|p", 1L, "pen" + WS + "|", 1L), words(raw(true, false), "this" + WS + "is" + WS + "a" + WS + "pen" + WS));
    assertEquals(Map.of(WS + "|t", 1L, "this" + WS + "|" + WS, 1L, WS + "|i", 1L, "is|", 1L), words(raw(true, false), WS + "this" + WS + WS + "is"));
    assertEquals(Map.of("hello" + WS + "|" + WS, 1L, WS + "|", 1L), words(raw(true, false), "hello" + WS + WS));
    assertEquals(Map.of(WS + "|" + WS, 1L, WS + "|h", 1L, "hello" + WS + "|" + WS, 1L, WS + "|", 1L), words(raw(true, false), WS + WS + "hello" + WS + WS));
  }

  @Test
  void keepsRunsOfSpacesTogetherWhenWhitespaceOnlyPiecesAreAllowed() {
    assertEquals(Map.of("this" + WS + "|i", 1L, "is" + WS + "|a", 1L, "a" + WS + "|p", 1L, "pen" + WS + "|", 1L), words(raw(true, true), "this" + WS + "is" + WS + "a" + WS + "pen" + WS));
    assertEquals(Map.of(WS + WS + WS + "a|", 1L), words(raw(false, true), WS + WS + WS + "a"));
    assertEquals(Map.of("a" + WS + WS + WS + "|", 1L), words(raw(true, true), "a" + WS + WS + WS));
    assertEquals(Map.of(WS + WS + "|", 1L), words(raw(true, true), WS + WS));
    assertEquals(Map.of(WS + WS + "|a", 1L, "a" + WS + "|", 1L), words(raw(true, true), WS + WS + "a" + WS));
    assertEquals(Map.of(WS + WS + "a|" + WS, 1L, WS + "|", 1L), words(raw(false, true), WS + WS + "a" + WS));
  }

  @Test
  void normalizesCountsAndMarksSpecialPieces() {
    TrainerSpec spec = TrainerSpec.defaults(SentencePieceModel.Algorithm.UNIGRAM);
    SentenceCounter counter = new SentenceCounter(spec);
    counter.add("  Hello   ｗｏｒｌｄ ");
    counter.add("Hello<s>world</s>");
    counter.add("\u0001");
    assertEquals(2, counter.sentences(), "a sentence that normalizes to nothing is not counted");
    assertEquals(Map.of(WS + "Hello|" + WS, 1L, WS + "world|", 1L, WS + "Hello\tworld\t|", 1L), collect(counter));
  }

  @Test
  void countsWordsAloneForBpe() {
    TrainerSpec spec = TrainerSpec.defaults(SentencePieceModel.Algorithm.BPE);
    SentenceCounter counter = new SentenceCounter(spec);
    counter.add("the cat, the hat");
    counter.add("Kätzchen \ud83d\ude00 internationalization\ud800 the");
    Map<String, Long> expected = new TreeMap<>(Map.of(WS + "the|", 3L, WS + "cat,|", 1L, WS + "hat|", 1L, WS + "Kätzchen|", 1L, WS + "\ud83d\ude00|", 1L,
        WS + "internationalization\ud800|", 1L));
    assertEquals(expected, collect(counter));
    // Unigram's counts (words with the character after them) added to BPE's lose that character.
    SentenceCounter unigram = new SentenceCounter(TrainerSpec.defaults(SentencePieceModel.Algorithm.UNIGRAM));
    unigram.add("the cat" + WS + "the");
    counter.addAll(unigram);
    expected.merge(WS + "the|", 2L, Long::sum);
    expected.put(WS + "cat|", 1L);
    assertEquals(expected, collect(counter));
    assertEquals(3, counter.sentences());
    assertThrows(IllegalArgumentException.class, () -> unigram.addAll(counter));
  }

  @Test
  void skipsWhatSentencePieceSkips() {
    assertEquals("empty", SentenceCounter.skipReason("", 4192));
    assertEquals("too long", SentenceCounter.skipReason("é".repeat(6), 11));
    assertNull(SentenceCounter.skipReason("é".repeat(5) + "e", 11));
    assertEquals("reserved", SentenceCounter.skipReason("a\u2585b", 4192));
  }

  /** Settings under which the text is taken as it is: no normalization, prefix or space removal. */
  private static TrainerSpec raw(boolean suffix, boolean allowWhitespaceOnly) {
    TrainerSpec d = TrainerSpec.defaults(SentencePieceModel.Algorithm.UNIGRAM);
    return new TrainerSpec(d.modelType(), d.vocabSize(), d.characterCoverage(), false, false, true, true, allowWhitespaceOnly, 16, "identity", List.of(), 0,
        true, d.seedSize(), d.shrinkingFactor(), 2, suffix, false, false, 4192, 1);
  }

  private static Map<String, Long> words(TrainerSpec spec, String sentence) {
    SentenceCounter counter = new SentenceCounter(spec);
    counter.add(sentence);
    return collect(counter);
  }

  /** word|next (nothing after the bar at the end of the sentence) to count. */
  private static Map<String, Long> collect(SentenceCounter counter) {
    Map<String, Long> words = new TreeMap<>();
    counter.forEach((word, next, count) -> words.merge(word + "|" + (next == SentenceCounter.END ? "" : Character.toString(next)), count, Long::sum));
    return words;
  }
}
