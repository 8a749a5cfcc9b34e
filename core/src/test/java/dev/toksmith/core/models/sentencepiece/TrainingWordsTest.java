package dev.toksmith.core.models.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The words to train on are numbered the same however counting was split and combined: EM sums their
 * expectations in floating point in that order, so another numbering gives other scores (which made
 * {@code train --type unigram} differ from run to run on several threads).
 */
class TrainingWordsTest {
  @Test
  void wordsAreNumberedTheSameWhateverTheOrderOfCounting() {
    TrainerSpec spec = TrainerSpec.defaults(SentencePieceModel.Algorithm.UNIGRAM);
    String[] syllables = {"ka", "ri", "to", "ne", "su", "ma", "lo", "vi", "de", "pa", "qu", "ho", "ze", "bu", "ly", "ch", "é", "東"};
    SplittableRandom random = new SplittableRandom(5);
    List<String> sentences = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      StringBuilder sentence = new StringBuilder();
      for (int w = 1 + random.nextInt(8); w > 0; w--) {
        sentence.append(' ');
        for (int k = 1 + random.nextInt(4); k > 0; k--) sentence.append(syllables[random.nextInt(syllables.length)]);
      }
      sentences.add(sentence.toString());
    }
    // As threads count: the sentences dealt to three counters, then added up; once in order, once dealt otherwise and added in reverse
    // (and read back on two threads, which share the sorting).
    TrainingWords first = TrainingWords.of(counted(spec, sentences, i -> i % 3, false), spec.characterCoverage(), true, 1);
    TrainingWords second = TrainingWords.of(counted(spec, sentences, i -> (i / 7) % 3, true), spec.characterCoverage(), true, 2);
    assertEquals(first.size(), second.size());
    assertEquals(first.keys(), second.keys());
    for (int w = 0; w < first.size(); w++) {
      assertArrayEquals(java.util.Arrays.copyOfRange(first.chars(), first.start(w), first.end(w)),
          java.util.Arrays.copyOfRange(second.chars(), second.start(w), second.end(w)), "word " + w);
      assertEquals(first.count(w), second.count(w));
    }
    for (int k = 0; k < first.keys(); k++) {
      assertEquals(first.keyWord(k), second.keyWord(k));
      assertEquals(first.keyNext(k), second.keyNext(k));
      assertEquals(first.keyCount(k), second.keyCount(k));
    }
  }

  private static SentenceCounter counted(TrainerSpec spec, List<String> sentences, java.util.function.IntUnaryOperator worker, boolean reverse) {
    List<SentenceCounter> workers = List.of(new SentenceCounter(spec), new SentenceCounter(spec), new SentenceCounter(spec));
    for (int i = 0; i < sentences.size(); i++) workers.get(worker.applyAsInt(i)).add(sentences.get(i));
    SentenceCounter total = new SentenceCounter(spec);
    for (int i = 0; i < 3; i++) total.addAll(workers.get(reverse ? 2 - i : i));
    return total;
  }
}
