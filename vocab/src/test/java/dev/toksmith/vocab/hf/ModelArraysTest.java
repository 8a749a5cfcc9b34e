package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.unigram.UnigramModel;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model's vocabulary and merges read as they stream past give what reading the whole tree gives:
 * the same model, or the same error in the same words, on well-formed and on broken models.
 */
class ModelArraysTest {
  /** Trees as the reader builds them ({@link JsonTrees}): decimal numbers as written. */
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

  private static String tokenizer(String model) {
    return "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,\"model\":" + model + "}";
  }

  /** What a load gives: the error message, or a description of the model. */
  private interface Load {
    Pipeline run() throws IOException;
  }

  private static String outcome(Load load) {
    try {
      Pipeline p = load.run();
      StringBuilder sb = new StringBuilder("loads: ");
      for (int id = 0; id < p.idBound(); id++) sb.append(id).append('=').append(p.idToToken(id).orElse(null)).append(' ');
      if (p.model() instanceof BpeModel bpe) sb.append(bpe.merges());
      if (p.model() instanceof UnigramModel unigram) sb.append(unigram.vocabulary());
      return sb.toString();
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String streamed(String json) {
    return outcome(() -> {
      try (var parser = MAPPER.createParser(json)) {
        return TokenizerJsonReader.read(parser);
      }
    });
  }

  private static String fromTree(String json) {
    return outcome(() -> TokenizerJsonReader.read(MAPPER.readTree(json)));
  }

  @Test
  void streamingReadsWhatTheTreeReads() {
    List<String> models = List.of(
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"b\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}",
        "{\"type\":\"BPE\",\"merges\":[\"a b\"],\"vocab\":{\"a\":0,\"b\":1,\"ab\":2}}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"#version: 0.2\",\"a b\"]}",
        // Shapes and values the reader refuses, and where it says so.
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"b\"],\"a b\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"b\",\"c\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\"],[\"a\",\"b\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[],{\"x\":[1]},null,3]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b c\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\",\"ab\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"c\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1},\"merges\":[[\"a\",\"b\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"\",\"ab\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":\"0\",\"b\":1,\"ab\":2},\"merges\":[]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":-1,\"c\":[1,2]},\"merges\":[]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":4294967296},\"merges\":[]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1.0},\"merges\":[]}",
        "{\"type\":\"BPE\",\"vocab\":[[\"a\",0]],\"merges\":[]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":{}}",
        // A key given twice keeps its last value, good or bad, and keeps its first place.
        "{\"type\":\"BPE\",\"vocab\":{\"a\":\"x\",\"b\":1,\"a\":0},\"merges\":[]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":\"y\",\"a\":\"x\"},\"merges\":[]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1},\"merges\":[],\"vocab\":{\"c\":0}}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"b\"]],\"merges\":[\"b a\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"b\"]],\"merges\":null}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"vocab\":null,\"merges\":[]}",
        // Shared ids, escapes, characters outside the BMP.
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":0,\"\\u00e9\\n\":1,\"😀\":2,\"\\\"\":3},\"merges\":[[\"\\u00e9\\n\",\"😀\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"é\\n\":1,\"😀\":2,\"é\\n😀\":3},\"merges\":[[\"\\u00e9\\n\",\"😀\"]]}",
        "{\"type\":\"BPE\",\"continuing_subword_prefix\":\"##\",\"vocab\":{\"a\":0,\"##b\":1,\"ab\":2},\"merges\":[[\"a\",\"##b\"]]}",
        "{\"type\":\"BPE\",\"continuing_subword_prefix\":\"##\",\"vocab\":{\"a\":0,\"bcd\":1,\"ad\":2},\"merges\":[[\"a\",\"b\"]]}",
        "{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100,\"vocab\":{\"[UNK]\":0,\"x\":true}}",
        "{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0,\"x\":1},\"unk_token\":\"<unk>\"}",
        // Unigram pieces and scores.
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[\"a\",-1.5],[\"b\",-2],[\"c\",-1e-3]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[\"a\"]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[\"a\",\"-1\"],[\"b\"]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[\"a\",-1,2],[3]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[],[\"b\",1]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[1,\"a\"]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],{\"a\":1}]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[\"a\",[1]]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",1e999],[\"a\",[1]]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0],[\"a\",1e999]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":{\"a\":1}}");
    List<String> differences = new ArrayList<>();
    for (String model : models) {
      String json = tokenizer(model);
      String expected = fromTree(json);
      String actual = streamed(json);
      if (!actual.equals(expected)) differences.add(model + "\n  tree:     " + expected + "\n  streamed: " + actual);
    }
    assertEquals("", String.join("\n", differences));
  }

  @Test
  void documentsThatAreNoObjectOrHaveNoModel() {
    for (String json : List.of("[1, 2]", "\"model\"", "{}", "{\"model\":null}", "{\"model\":[1]}", "{\"model\":{\"type\":\"BPE\",\"vocab\":{},\"merges\":[]},\"model\":3}")) {
      assertEquals(fromTree(json), streamed(json), json);
    }
  }

  @Test
  void errorsNameTheEntry() {
    String json = tokenizer("{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1},\"merges\":[[\"a\",\"b\"]]}");
    assertEquals(TokenizerFormatException.class.getSimpleName() + ": model.merges[0]: token \"ab\" is not in the vocabulary", streamed(json));
  }

  /**
   * A list long enough to be resolved on two threads gives the tree's model, and of two broken merges,
   * one in each half, the first is the one reported.
   */
  @Test
  void longMergeListsResolveInTwoHalvesAsOne() {
    StringBuilder vocab = new StringBuilder("\"a\":0,\"b\":1");
    StringBuilder merges = new StringBuilder();
    int n = 60_000;
    for (int i = 0; i < n; i++) {
      vocab.append(",\"x").append(i).append("\":").append(2 + 3 * i).append(",\"y").append(i).append("\":").append(3 + 3 * i)
          .append(",\"x").append(i).append('y').append(i).append("\":").append(4 + 3 * i);
      merges.append(i == 0 ? "" : ",").append("\"x").append(i).append(" y").append(i).append('"');
    }
    String good = tokenizer("{\"type\":\"BPE\",\"vocab\":{" + vocab + "},\"merges\":[" + merges + "]}");
    assertEquals(fromTree(good), streamed(good));
    String broken = good.replace("\"x10 y10\"", "\"x10 z\"").replace("\"x50000 y50000\"", "\"x50000 y\"");
    assertEquals(TokenizerFormatException.class.getSimpleName() + ": model.merges[10]: token \"z\" is not in the vocabulary", streamed(broken));
    assertEquals(fromTree(broken), streamed(broken));
    String brokenLate = good.replace("\"x50000 y50000\"", "\"x50000 y\"");
    assertEquals(fromTree(brokenLate), streamed(brokenLate));
  }

  /**
   * A vocabulary large enough to be built on another thread while the merges are read gives the tree's
   * model or error: two tokens with one id, a vocabulary given twice, a bad id.
   */
  @Test
  void largeVocabulariesBuiltAlongsideAsOne() {
    StringBuilder vocab = new StringBuilder("\"a\":0,\"b\":1,\"ab\":2");
    for (int i = 0; i < 60_000; i++) vocab.append(",\"t").append(i).append("\":").append(3 + i);
    String good = "{\"type\":\"BPE\",\"vocab\":{" + vocab + "},\"merges\":[\"a b\"]}";
    List<String> models = List.of(good,
        good.replace("\"t500\":503", "\"t500\":504"),
        good.replace("\"merges\":[\"a b\"]", "\"merges\":[\"a b\"],\"vocab\":{\"a\":0,\"b\":1,\"ab\":2}"),
        good.replace("\"merges\":[\"a b\"]", "\"merges\":[\"a c\"]"),
        good.replace("\"t500\":503", "\"t500\":-1"));
    for (String model : models) {
      String json = tokenizer(model);
      assertEquals(fromTree(json), streamed(json));
    }
  }
}
