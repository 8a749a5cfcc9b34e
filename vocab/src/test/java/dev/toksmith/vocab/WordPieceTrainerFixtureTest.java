package dev.toksmith.vocab;

import static dev.toksmith.vocab.WordTrainerFixtures.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.Tokenizers;
import dev.toksmith.WordPieceTrainer;
import dev.toksmith.api.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toksmith's {@link WordPieceTrainer} against Hugging Face's {@code BertWordPieceTokenizer.train}
 * (tokenizers 0.23.2, {@code trainer/make-word-fixtures.py}) on the bundled samples.
 *
 * <p>The exact fixtures fix the two choices Hugging Face leaves to hash order (every {@code ##x}
 * token is also a special token, so its id is fixed; the alphabet limit cuts where no characters
 * tie), and there toksmith must give the reference's file, every id the same, and the reference's
 * ids on the held-out text. With the plain defaults, toksmith's vocabulary may differ from the
 * reference's as much as two runs of the reference differ from each other, and no more.
 */
class WordPieceTrainerFixtureTest {
  @TempDir Path dir;

  @Test
  void uncasedWithAnAlphabetLimitGivesTheReferencesFile() throws Exception {
    checkExact("wordpiece-exact-uncased", 1);
  }

  @Test
  void casedGivesTheReferencesFile() throws Exception {
    checkExact("wordpiece-exact-cased", 3);
  }

  @Test
  void rawTextWithAnInitialAlphabetGivesTheReferencesFile() throws Exception {
    checkExact("wordpiece-exact-raw", 2);
  }

  @Test
  void defaultsStayWithinTheReferencesOwnVariation() throws Exception {
    JsonNode settings = WordTrainerFixtures.json("wordpiece-default.settings.json");
    int allowed = settings.get("most_tokens_one_run_lacks_of_another").intValue();
    JsonNode expected = WordTrainerFixtures.json("wordpiece-default.json");
    Path saved = dir.resolve("default.json");
    Tokenizer trained = WordPieceTrainer.builder().threads(2).build().train(WordTrainerFixtures.trainingCorpus()).tokenizer();
    Tokenizers.save(trained, saved);
    JsonNode actual = JSON.readTree(saved.toFile());

    WordTrainerFixtures.assertSamePipeline(withPostProcessor(expected), actual);
    Set<String> theirs = WordTrainerFixtures.vocabulary(expected).keySet();
    Set<String> ours = WordTrainerFixtures.vocabulary(actual).keySet();
    assertEquals(30_000, ours.size());
    assertTrue(allowed < 0.01 * ours.size(), "the reference's own runs differ by " + allowed + " tokens");
    assertTrue(missing(ours, theirs) <= allowed, () -> missing(ours, theirs) + " of the reference's tokens are missing; its runs differ by up to " + allowed);
    assertTrue(missing(theirs, ours) <= allowed, () -> missing(theirs, ours) + " tokens are not the reference's; its runs differ by up to " + allowed);

    List<long[]> ourIds = new ArrayList<>();
    for (String line : WordTrainerFixtures.heldOutLines()) ourIds.add(Arrays.stream(trained.encode(line, true).ids()).asLongStream().toArray());
    WordTrainerFixtures.assertHeldOutIds(ourIds, trained, saved);
  }

  /** How many of {@code wanted} are not in {@code have}. */
  private static int missing(Set<String> have, Set<String> wanted) {
    Set<String> left = new HashSet<>(wanted);
    left.removeAll(have);
    return left.size();
  }

  /** The reference's trained tokenizer has no post-processor; the fixtures set the one toksmith writes. */
  private static JsonNode withPostProcessor(JsonNode fixture) {
    assertEquals("BertProcessing", fixture.at("/post_processor/type").textValue());
    return fixture;
  }

  private void checkExact(String fixture, int threads) throws Exception {
    JsonNode settings = WordTrainerFixtures.json(fixture + ".settings.json");
    JsonNode init = settings.get("init");
    JsonNode train = settings.get("train");
    List<String> specials = new ArrayList<>();
    settings.get("special_tokens").forEach(t -> specials.add(t.textValue()));
    WordPieceTrainer.Builder builder = WordPieceTrainer.builder().specialTokens(specials).threads(threads);
    if (init.has("lowercase")) builder.lowercase(init.get("lowercase").booleanValue());
    if (init.has("strip_accents")) builder.stripAccents(init.get("strip_accents").booleanValue());
    if (init.has("clean_text")) builder.cleanText(init.get("clean_text").booleanValue());
    if (init.has("handle_chinese_chars")) builder.handleChineseChars(init.get("handle_chinese_chars").booleanValue());
    if (train.has("vocab_size")) builder.vocabSize(train.get("vocab_size").intValue());
    if (train.has("min_frequency")) builder.minFrequency(train.get("min_frequency").longValue());
    if (train.has("limit_alphabet")) builder.limitAlphabet(train.get("limit_alphabet").intValue());
    if (train.has("initial_alphabet")) {
      List<String> alphabet = new ArrayList<>();
      train.get("initial_alphabet").forEach(c -> alphabet.add(c.textValue()));
      builder.initialAlphabet(alphabet);
    }
    Path saved = dir.resolve(fixture + ".json");
    Tokenizer trained = builder.build().train(WordTrainerFixtures.trainingCorpus()).tokenizer();
    Tokenizers.save(trained, saved);

    JsonNode expected = WordTrainerFixtures.json(fixture + ".json");
    JsonNode actual = JSON.readTree(saved.toFile());
    assertTrue(WordTrainerFixtures.vocabulary(expected).size() > 4000, "the fixture holds thousands of tokens");
    WordTrainerFixtures.assertSameVocabulary(WordTrainerFixtures.vocabulary(expected), WordTrainerFixtures.vocabulary(actual));
    WordTrainerFixtures.assertSamePipeline(withPostProcessor(expected), actual);
    assertEquals(expected.get("model"), actual.get("model"), "model");
    WordTrainerFixtures.assertHeldOutIds(WordTrainerFixtures.heldOutIds(fixture), trained, saved);
    assertTrue(Files.size(saved) > 0);
  }
}
