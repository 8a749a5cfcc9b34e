package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.WordLevelTrainer;
import dev.toksmith.api.Normalization;
import dev.toksmith.api.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toksmith's {@link WordLevelTrainer} against Hugging Face's {@code WordLevelTrainer} with the
 * Whitespace pre-tokenizer (tokenizers 0.23.2, {@code trainer/make-word-fixtures.py}) on the bundled
 * samples: the same file, and the reference's ids on the held-out text, in toksmith and in Hugging
 * Face (DJL) running toksmith's file.
 */
class WordLevelTrainerFixtureTest {
  @TempDir Path dir;

  @Test
  void defaultsGiveTheReferencesFile() throws Exception {
    check("wordlevel-default", WordLevelTrainer.builder().threads(1));
  }

  @Test
  void normalizedWithMinimumFrequencyAndSpecialsGivesTheReferencesFile() throws Exception {
    check("wordlevel-nfkc-lowercase", WordLevelTrainer.builder()
        .vocabSize(5000)
        .minFrequency(2)
        .specialTokens(List.of("[UNK]", "[PAD]", "<s>"))
        .normalization(List.of(Normalization.NFKC, Normalization.LOWERCASE))
        .threads(3));
  }

  private void check(String fixture, WordLevelTrainer.Builder settings) throws Exception {
    Path saved = dir.resolve(fixture + ".json");
    Tokenizer trained = settings.build().train(WordTrainerFixtures.trainingCorpus()).tokenizer();
    Tokenizers.save(trained, saved);
    JsonNode expected = WordTrainerFixtures.json(fixture + ".json");
    JsonNode actual = WordTrainerFixtures.JSON.readTree(saved.toFile());
    assertTrue(WordTrainerFixtures.vocabulary(expected).size() > 4000, "the fixture holds thousands of words");
    WordTrainerFixtures.assertSameVocabulary(WordTrainerFixtures.vocabulary(expected), WordTrainerFixtures.vocabulary(actual));
    WordTrainerFixtures.assertSamePipeline(expected, actual);
    assertEquals(expected.get("model"), actual.get("model"), "model");
    WordTrainerFixtures.assertHeldOutIds(WordTrainerFixtures.heldOutIds(fixture), trained, saved);
  }
}
