package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.reference.HfReference;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that say two things at once are refused, never silently read one way: two tokens with one id,
 * a key given twice, an added token stored with an id other than the one it gets. Hugging Face accepts
 * each (it decodes a shared id to one token, keeps the last of two keys, ignores stored added-token
 * ids with a warning), so these are where toksmith is stricter; the README says so.
 */
class AmbiguousFilesTest {
  @TempDir Path dir;

  private static String file(String vocab, String addedTokens) {
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[" + addedTokens + "],\"normalizer\":null,"
        + "\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{" + vocab + "},\"unk_token\":\"<unk>\"}}";
  }

  private static String added(int id, String content) {
    return "{\"id\":" + id + ",\"content\":\"" + content + "\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}";
  }

  private static Tokenizer read(String json) throws Exception {
    return Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
  }

  private static String error(String json) {
    return assertThrows(TokenizerFormatException.class, () -> read(json)).getMessage();
  }

  private static final String VOCAB = "\"<unk>\":0,\"a\":1,\"b\":2,\"c\":3";

  @Test
  void twoTokensWithOneIdAreRefused() {
    assertEquals("t.json: model: tokens \"a\" and \"b\" have the same id 1", error(file("\"<unk>\":0,\"b\":1,\"a\":1", "")));
    String bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"x\":0,\"y\":0},\"merges\":[]}}";
    assertEquals("t.json: model: tokens \"x\" and \"y\" have the same id 0", error(bpe));
  }

  @Test
  void twoTokensWithOneIdInVocabJsonAreRefused() throws Exception {
    Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"ab\": 1}");
    Files.writeString(dir.resolve("merges.txt"), "a b\n");
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(dir));
    assertEquals(dir.resolve("vocab.json") + ": tokens \"ab\" and \"b\" have the same id 1", e.getMessage());
  }

  @Test
  void aKeyGivenTwiceIsRefusedWherever() {
    assertDuplicateKey("a", error(file("\"<unk>\":0,\"a\":1,\"a\":2", "")));
    assertDuplicateKey("unk_token", error(file(VOCAB, "").replace("\"unk_token\":\"<unk>\"", "\"unk_token\":\"<unk>\",\"unk_token\":\"a\"")));
    assertDuplicateKey("normalizer", error(file(VOCAB, "").replace("\"normalizer\":null,", "\"normalizer\":null,\"normalizer\":{\"type\":\"Lowercase\"},")));
  }

  private static void assertDuplicateKey(String key, String message) {
    assertTrue(message.matches("t\\.json: the key \"" + key + "\" is given twice in one object \\(line 1, column \\d+\\)"), message);
  }

  @Test
  void aTokenGivenTwiceInVocabJsonIsRefused() throws Exception {
    Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0,\n \"b\": 1,\n \"a\": 2}");
    Files.writeString(dir.resolve("merges.txt"), "");
    TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> Tokenizers.load(dir));
    assertEquals(dir.resolve("vocab.json") + ": token a is given twice (line 3)", e.getMessage());
  }

  @Test
  void addedTokensStoredWithTheIdsTheyGetLoadAndEncodeAsHuggingFace() throws Exception {
    String json = file(VOCAB, added(2, "b") + "," + added(4, "<x>") + "," + added(5, "<y>"));
    Tokenizer tok = read(json);
    try (HfReference hf = HfReference.load(json)) {
      for (String text : new String[] {"a<x>b <y>c", "<y><x> b"}) {
        assertArrayEquals(hf.encode(text).ids(), Arrays.stream(tok.encodeIds(text)).asLongStream().toArray(), text);
      }
    }
  }

  @Test
  void anAddedTokenStoredWithAnotherIdIsRefused() {
    assertEquals("t.json: added_tokens[0].id: token \"b\" is stored with id 7, but its id in the model's vocabulary is 2"
        + " (Hugging Face ignores stored ids; fix the file)", error(file(VOCAB, added(7, "b"))));
    assertEquals("t.json: added_tokens[0].id: token \"<x>\" is stored with id 9, but Hugging Face gives it 4, the next id after the vocabulary"
        + " and the tokens added before it (Hugging Face ignores stored ids; fix the file)", error(file(VOCAB, added(9, "<x>"))));
    assertEquals("t.json: added_tokens[1].id: token \"<y>\" is stored with id 4, but Hugging Face gives it 5, the next id after the vocabulary"
        + " and the tokens added before it (Hugging Face ignores stored ids; fix the file)", error(file(VOCAB, added(4, "<x>") + "," + added(4, "<y>"))));
    // An id of the vocabulary given to a new token.
    assertEquals("t.json: added_tokens[0].id: token \"<x>\" is stored with id 1, but Hugging Face gives it 4, the next id after the vocabulary"
        + " and the tokens added before it (Hugging Face ignores stored ids; fix the file)", error(file(VOCAB, added(1, "<x>"))));
  }

  @Test
  void idsFarBeyondTheVocabularyAreRefused() throws Exception {
    int far = 3 + Vocabulary.MAX_UNUSED_IDS + 1;
    assertEquals("t.json: model: an id of " + far + " for 4 tokens leaves " + (far - 3) + " ids unused, more than the 1048576 toksmith allows",
        error(file("\"<unk>\":0,\"a\":1,\"b\":2,\"c\":" + far, "")));
    // As many unused ids as allowed still load.
    Tokenizer tok = read(file("\"<unk>\":0,\"a\":1,\"b\":2,\"c\":" + (far - 1), ""));
    assertArrayEquals(new int[] {far - 1, 1}, tok.encodeIds("c a"));
  }
}
