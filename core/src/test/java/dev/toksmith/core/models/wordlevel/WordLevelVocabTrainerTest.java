package dev.toksmith.core.models.wordlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.core.models.StripedWordCounter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordLevelVocabTrainerTest {
  private static Map<String, Integer> train(int vocabSize, long minFrequency, List<String> specials, Object... wordsAndCounts) {
    StripedWordCounter counts = new StripedWordCounter();
    for (int i = 0; i < wordsAndCounts.length; i += 2) {
      byte[] word = ((String) wordsAndCounts[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      counts.add(word, 0, word.length, ((Integer) wordsAndCounts[i + 1]).longValue());
    }
    WordLevelModel model = new WordLevelVocabTrainer(vocabSize, minFrequency, specials).train(counts, "[UNK]");
    Map<String, Integer> byId = new LinkedHashMap<>();
    for (int id = 0; id < model.vocabulary().size(); id++) byId.put(model.vocabulary().token(id), id);
    return byId;
  }

  private static Map<String, Integer> ids(String... tokens) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (String t : tokens) ids.put(t, ids.size());
    return ids;
  }

  /** Hugging Face's own test ({@code wordlevel/trainer.rs}, {@code test_train}). */
  @Test
  void reproducesHuggingFacesTrainerTest() {
    Object[] words = {"the", 25, "roses", 22, "are", 24, "red", 12, "voilets", 10, "blue", 16};
    assertEquals(ids("the", "are", "roses", "blue", "red"), train(5, 0, List.of(), words));
    assertEquals(ids("the", "are", "roses", "blue"), train(5, 15, List.of(), words));
  }

  @Test
  void equalCountsGoInCodePointOrderSpecialTokensFirst() {
    // U+FFFD sorts before U+1F600 by code point (and UTF-8 bytes), after it in UTF-16 order.
    assertEquals(ids("[UNK]", "b", "a", "c", "\uFFFD", "\uD83D\uDE00"),
        train(100, 0, List.of("[UNK]"), "\uD83D\uDE00", 2, "c", 2, "a", 2, "b", 3, "\uFFFD", 2));
  }

  @Test
  void theVocabularySizeCountsTheSpecialTokens() {
    assertEquals(ids("[UNK]", "[PAD]", "x"), train(3, 0, List.of("[UNK]", "[PAD]"), "x", 5, "y", 4));
  }

  @Test
  void aWordSpelledLikeASpecialTokenKeepsTheSpecialTokensIdAndTakesNoSlot() {
    assertEquals(ids("[UNK]", "hello", "world", "bar"), train(4, 0, List.of("[UNK]", "hello"), "hello", 9, "world", 5, "bar", 3, "foo", 2));
  }
}
