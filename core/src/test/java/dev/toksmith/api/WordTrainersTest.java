package dev.toksmith.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.VocabularyModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-based trainers' API: the result is the same on any number of threads, and training from
 * counts made in parts (as a cluster would make them) gives what training from the corpus gives.
 */
class WordTrainersTest {
  private static final List<String> DOCUMENTS = documents();

  private static List<String> documents() {
    Random random = new Random(7);
    String[] words = {"the", "The", "cat", "cats", "Café", "naïve", "sat", "on", "mat", "hat", "matting", "über", "東京", "ab", "abc", "abcd", "x-ray", "it's", "42", "4,2"};
    List<String> documents = new ArrayList<>();
    for (int d = 0; d < 3000; d++) {
      StringBuilder line = new StringBuilder();
      for (int w = random.nextInt(12); w >= 0; w--) line.append(words[(int) Math.min(words.length - 1, Math.abs(random.nextGaussian()) * 6)]).append(random.nextInt(5) == 0 ? ", " : " ");
      documents.add(line.append('\n').toString());
    }
    return documents;
  }

  private static Corpus corpus() {
    byte[] text = String.join("", DOCUMENTS).getBytes(StandardCharsets.UTF_8);
    return Corpus.ofSources(List.of(new Corpus.Source("documents", () -> new ByteArrayInputStream(text))));
  }

  private static Map<String, Integer> vocabulary(Tokenizer tokenizer) {
    VocabularyModel model = (VocabularyModel) ((Pipeline) tokenizer).model();
    Map<String, Integer> vocab = new HashMap<>();
    for (String token : model.vocabulary().tokensInIdOrder()) vocab.put(token, model.vocabulary().id(token));
    return vocab;
  }

  @Test
  void wordPieceIsTheSameOnAnyNumberOfThreads() throws IOException {
    Map<String, Integer> one = vocabulary(WordPieceTrainer.builder().vocabSize(120).threads(1).build().train(corpus()).tokenizer());
    Map<String, Integer> three = vocabulary(WordPieceTrainer.builder().vocabSize(120).threads(3).build().train(corpus()).tokenizer());
    assertTrue(one.containsKey("##s") && one.containsKey("cafe"), one::toString);
    assertEquals(one, three);
  }

  @Test
  void wordLevelIsTheSameOnAnyNumberOfThreads() throws IOException {
    Map<String, Integer> one = vocabulary(WordLevelTrainer.builder().threads(1).build().train(corpus()).tokenizer());
    Map<String, Integer> three = vocabulary(WordLevelTrainer.builder().threads(3).build().train(corpus()).tokenizer());
    assertEquals(0, one.get("[UNK]"));
    assertEquals(one, three);
  }

  @Test
  void countsMadeInPartsTrainAsTheWholeCorpusDoes() throws IOException {
    WordPieceTrainer trainer = WordPieceTrainer.builder().vocabSize(150).threads(2).build();
    TrainingResult whole = trainer.train(corpus());

    // Two parts counted apart; the second sent "over the wire" as words and counts.
    WordCounts first = new WordCounts();
    WordCounts second = new WordCounts();
    for (int i = 0; i < DOCUMENTS.size(); i++) trainer.countWords(DOCUMENTS.get(i), i % 2 == 0 ? first : second);
    WordCounts received = new WordCounts();
    second.forEach(received::add);
    first.addAll(received);
    TrainingResult parts = trainer.train(first);

    assertEquals(vocabulary(whole.tokenizer()), vocabulary(parts.tokenizer()));
    assertEquals(whole.distinctWords(), parts.distinctWords());
    assertEquals(DOCUMENTS.size() / 2, second.corpus().documents());
    assertEquals(whole.corpus().bytes(), second.corpus().bytes() + first.corpus().bytes(), "bytes counted per document add up to the corpus's");
  }

  @Test
  void wordCountsCountWhatTheyAreGiven() {
    WordCounts counts = new WordCounts();
    counts.add("ab", 2);
    counts.add("\uD83D\uDE00", 1);
    counts.add("ab", 3);
    Map<String, Long> seen = new HashMap<>();
    counts.forEach(seen::put);
    assertEquals(Map.of("ab", 5L, "\uD83D\uDE00", 1L), seen);
    assertEquals(2, counts.size());
    assertEquals(0, counts.corpus().documents());
    assertThrows(IllegalArgumentException.class, () -> counts.add("", 1));
    assertThrows(IllegalArgumentException.class, () -> counts.add("x", 0));
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().specialTokens(List.of("[CLS]", "[SEP]")).build(), "no unknown token");
    assertThrows(IllegalArgumentException.class, () -> WordLevelTrainer.builder().specialTokens(List.of("<unk>")).build(), "no unknown token");
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().threads(0).build());
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().initialAlphabet(List.of("ab")).build());
    assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.builder().limitAlphabet(-1).build());
    assertThrows(IllegalArgumentException.class, () -> WordLevelTrainer.builder().vocabSize(0).build());
  }

  @Test
  void withoutClsAndSepThereIsNoPostProcessor() throws IOException {
    Tokenizer plain = WordPieceTrainer.builder().specialTokens(List.of("[UNK]")).vocabSize(80).build().train(corpus()).tokenizer();
    assertEquals(null, ((Pipeline) plain).postProcessor());
    Tokenizer bert = WordPieceTrainer.builder().vocabSize(80).build().train(corpus()).tokenizer();
    assertEquals(List.of("[CLS]", "the", "[SEP]"), bert.encode("The", true).tokens());
  }
}
