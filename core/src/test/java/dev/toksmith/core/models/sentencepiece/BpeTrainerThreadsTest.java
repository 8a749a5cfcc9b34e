package dev.toksmith.core.models.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A merge with many positions is scanned on two threads and its pair counts updated afterwards in
 * position order: the pieces, their order and scores must be those of one thread. The words repeat
 * syllables (so that early merges have tens of thousands of positions, and words hold a pair more
 * than once, overlapping) and mix scripts and digits (so that some pairs make no valid piece).
 */
class BpeTrainerThreadsTest {
  @Test
  void twoThreadsLearnWhatOneLearns() {
    TrainerSpec spec = TrainerSpec.defaults(SentencePieceModel.Algorithm.BPE);
    String[] syllables = {"a", "aa", "ka", "ri", "to", "ne", "su", "ma", "lo", "vi", "de", "pa", "qu", "é", "東", "京", "7", "42", "ов"};
    SplittableRandom random = new SplittableRandom(11);
    SentenceCounter counter = new SentenceCounter(spec);
    for (int i = 0; i < 60_000; i++) {
      StringBuilder sentence = new StringBuilder();
      for (int w = 1 + random.nextInt(6); w > 0; w--) {
        sentence.append(' ');
        for (int k = 1 + random.nextInt(6); k > 0; k--) sentence.append(syllables[random.nextInt(syllables.length)]);
      }
      counter.add(sentence.toString());
    }
    List<SentencePieceModel.Piece> one = train(counter, spec, 1);
    List<SentencePieceModel.Piece> two = train(counter, spec, 2);
    assertTrue(one.size() > 1500, "pieces learned: " + one.size());
    assertEquals(one, two);
  }

  private static List<SentencePieceModel.Piece> train(SentenceCounter counter, TrainerSpec spec, int threads) {
    // Training merges in the words' own array, so each run gets words of its own.
    TrainingWords words = TrainingWords.of(counter, spec.characterCoverage(), false, threads);
    return BpeTrainer.train(words, new PieceRules(words, spec), 2000, threads, (done, total) -> {});
  }
}
