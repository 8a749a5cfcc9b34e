package dev.toksmith.core.models.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

  /**
   * Hugging Face's own trainer test ({@code tokenizers/src/models/bpe/trainer.rs}, {@code
   * test_train}): these word counts with minimum frequency 2 give exactly this vocabulary and these
   * three merges.
   */
  @Test
  void reproducesHuggingFacesTrainerTest() {
    Object2LongOpenHashMap<String> words = new Object2LongOpenHashMap<>();
    String[] w = {"roses", "are", "red", "voilets", "blue", "BERT", "is", "big", "and", "so", "GPT-2"};
    long[] c = {1, 2, 1, 1, 1, 1, 2, 1, 1, 1, 1};
    for (int i = 0; i < w.length; i++) words.put(w[i], c[i]);
    BpeTrainer.Result r = new BpeTrainer(30000, 2, List.of(), List.of()).train(BpeTrainer.Words.of(words), (done, total) -> {});
    Object2IntOpenHashMap<String> expected = new Object2IntOpenHashMap<>();
    String[] tokens = {"-", "2", "B", "E", "G", "P", "R", "T", "a", "b", "d", "e", "g", "i", "l", "n", "o", "r", "s", "t", "u", "v", "re", "are", "is"};
    for (int i = 0; i < tokens.length; i++) expected.put(tokens[i], i);
    assertEquals(expected, r.vocab());
    assertEquals(List.of(new BpeModel.Merge(17, 11, 22), new BpeModel.Merge(8, 22, 23), new BpeModel.Merge(13, 18, 24)), r.merges());
  }

  @Test
  void specialTokensComeFirstAndTheAlphabetIsSortedByCodePoint() {
    Object2LongOpenHashMap<String> words = new Object2LongOpenHashMap<>();
    words.put("zyx", 5);
    BpeTrainer.Result r = new BpeTrainer(6, 0, List.of("<s>", "</s>"), List.of("a")).train(BpeTrainer.Words.of(words), (done, total) -> {});
    assertEquals(0, r.vocab().getInt("<s>"));
    assertEquals(1, r.vocab().getInt("</s>"));
    assertEquals(2, r.vocab().getInt("a"));
    assertEquals(3, r.vocab().getInt("x"));
    assertEquals(4, r.vocab().getInt("y"));
    assertEquals(5, r.vocab().getInt("z"));
    assertEquals(0, r.merges().size(), "the vocabulary is full before any merge");
  }

  @Test
  void equalCountsMergeTheSmallerPairFirst() {
    // "ab" and "cd" are equally frequent; (a,b) has the smaller ids and is merged first.
    Object2LongOpenHashMap<String> words = new Object2LongOpenHashMap<>();
    words.put("cd", 3);
    words.put("ab", 3);
    BpeTrainer.Result r = new BpeTrainer(100, 0, List.of(), List.of()).train(BpeTrainer.Words.of(words), (done, total) -> {});
    assertEquals(List.of(new BpeModel.Merge(0, 1, 4), new BpeModel.Merge(2, 3, 5)), r.merges());
  }
}
