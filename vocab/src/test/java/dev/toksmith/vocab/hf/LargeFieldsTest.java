package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model's vocab and merges read from a document's bytes ({@link LargeFields}) give what the JSON
 * tree gives: the same vocabulary and merges, or the same message, on documents written to trip a
 * byte-level reader (escapes, pairs and strings, duplicates, bad ids, odd spacing, malformed JSON).
 */
class LargeFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A BPE document with this vocab and merges text, and the model's fields in this order. */
  private static String doc(String vocab, String merges, boolean vocabFirst) {
    String v = "\"vocab\" :\n " + vocab;
    String m = "\"merges\":" + merges;
    return "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"BPE\",\"unk_token\":null," + (vocabFirst ? v + "," + m : m + "," + v) + ",\"fuse_unk\":false}}";
  }

  private static String outcome(String document, boolean streamed) {
    try {
      byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
      JsonNode root = streamed ? TokenizerJsonReader.parse(JSON, new ByteArrayInputStream(bytes)) : JSON.readTree(bytes);
      Pipeline p = TokenizerJsonReader.read(root);
      BpeModel bpe = (BpeModel) p.model();
      return "vocab " + bpe.vocabulary().tokensInIdOrder() + " ids " + bpe.vocabulary().tokensInIdOrder().stream().map(t -> bpe.tokenToId(t)).toList()
          + " merges " + bpe.merges();
    } catch (TokenizerFormatException e) {
      return "error " + e.getMessage();
    } catch (Exception e) {
      return "failure " + e.getClass().getSimpleName();
    }
  }

  @Test
  void readsWhatTheTreeReads() {
    List<String[]> cases = List.of(
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2}", "[\"a b\"]"},
        new String[] {"{ \"a\" : 0 , \"b\" : 1 , \"ab\" : 2 }", "[ [ \"a\" , \"b\" ] ]"},
        new String[] {"{\"\\u00e9\":0,\"\\n\":1,\"\\u00e9\\n\":2,\"\\ud83d\\ude00\":3,\"\\\"\\\\\\/\":4}", "[[\"\\u00e9\",\"\\n\"]]"},
        new String[] {"{\"é\":0,\"😀\":1,\"é😀\":2}", "[\"é 😀\"]"},
        new String[] {"{\"a\":0,\"b\":1,\"a\":2}", "[]"},
        new String[] {"{\"a\":0,\"b\":-1}", "[]"},
        new String[] {"{\"a\":0,\"b\":1.0}", "[]"},
        new String[] {"{\"a\":0,\"b\":1e2}", "[]"},
        new String[] {"{\"a\":0,\"b\":\"1\"}", "[]"},
        new String[] {"{\"a\":0,\"b\":99999999999}", "[]"},
        new String[] {"{\"a\":0,\"b\":-1,\"b\":1,\"ab\":2}", "[\"a b\"]"},
        new String[] {"{\"a\":0,\"b\":01}", "[]"},
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2}", "[\"a b\", [\"a\", \"b\"]]"},
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2}", "[\"a  b\"]"},
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2}", "[\"#version: 0.2\", \"a b\"]"},
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2}", "[[\"a\", \"b\", \"c\"]]"},
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2}", "[[\"a\"], 3, {\"x\":[\"y\"]}]"},
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2}", "[\"a c\"]"},
        new String[] {"{\"a\":0,\"b\":1}", "[\"a b\"]"},
        new String[] {"{\"\\ud800\":0}", "[]"},
        new String[] {"{\"a\":0,}", "[]"},
        new String[] {"{\"a\":0}", "[\"a\" \"b\"]"},
        new String[] {"{\"a\":0", "[]"},
        new String[] {"[[\"a\", 0.0]]", "[]"},
        new String[] {"{\"a\":0,\"b\":1,\"ab\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":-9}", "[\"a b\"]"});
    for (String[] c : cases) {
      for (boolean vocabFirst : new boolean[] {true, false}) {
        String document = doc(c[0], c[1], vocabFirst);
        assertEquals(outcome(document, false), outcome(document, true), document);
      }
    }
  }

  @Test
  void theLargeFieldsAreNotJsonTrees() throws Exception {
    JsonNode root = TokenizerJsonReader.parse(JSON, new ByteArrayInputStream(doc("{\"a\":0,\"b\":1,\"ab\":2}", "[\"a b\"]", true).getBytes(StandardCharsets.UTF_8)));
    assertNotNull(root);
    assertInstanceOf(POJONode.class, root.get("model").get("vocab"));
    assertInstanceOf(POJONode.class, root.get("model").get("merges"));
  }

  @Test
  void theLastOfRepeatedKeysCountsAsInATree() {
    String twice = "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"x\":0},\"merges\":[],\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}}";
    assertEquals(outcome(twice, false), outcome(twice, true));
    String models = "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"x\":0},\"merges\":[]},\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}}";
    assertEquals(outcome(models, false), outcome(models, true));
    String notObject = "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[]},\"model\":3}";
    assertEquals(outcome(notObject, false), outcome(notObject, true));
  }
}
