package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which model sections load, compared with Hugging Face, and how they are written. */
class ModelJsonTest {
  private static String tokenizer(String model) {
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,\"model\":" + model + "}";
  }

  private static boolean toksmithLoads(String json) throws IOException {
    try {
      Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
      return true;
    } catch (TokenizerFormatException e) {
      return false;
    }
  }

  private static boolean referenceLoads(String json) {
    try (HfReference hf = HfReference.load(json)) {
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void requiredFieldsAndDefaultsAreHuggingFaces() throws IOException {
    List<String> models = List.of(
        // WordPiece needs all its fields, WordLevel its unknown token.
        "{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100,\"vocab\":{\"[UNK]\":0}}",
        "{\"type\":\"WordPiece\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100,\"vocab\":{\"[UNK]\":0}}",
        "{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"max_input_chars_per_word\":100,\"vocab\":{\"[UNK]\":0}}",
        "{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"vocab\":{\"[UNK]\":0}}",
        "{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100}",
        "{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":-1,\"vocab\":{}}",
        "{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}",
        "{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0}}",
        "{\"type\":\"WordLevel\",\"unk_token\":\"<unk>\"}",
        // Unigram: unk_id and byte_fallback are optional, unk_id must be an id, a vocabulary is needed.
        "{\"type\":\"Unigram\",\"vocab\":[[\"a\",-1.5]]}",
        "{\"type\":\"Unigram\",\"unk_id\":null,\"vocab\":[],\"byte_fallback\":true}",
        "{\"type\":\"Unigram\",\"vocab\":[[\"a\",-1.5]],\"byte_fallback\":null}",
        "{\"type\":\"Unigram\",\"unk_id\":1,\"vocab\":[[\"a\",-1.5]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[]}",
        "{\"type\":\"Unigram\",\"unk_id\":0}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"a\"]]}",
        "{\"type\":\"Unigram\",\"unk_id\":0,\"vocab\":[[\"a\",\"-1\"]]}",
        // BPE: merges are required, as pairs or as strings of exactly two parts; "#version" lines are skipped.
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2}}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b c\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"ab\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"#version: 0.2\",\"a b\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"b\"],\"a b\"]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[[\"a\",\"c\"]]}",
        "{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1},\"merges\":[[\"a\",\"b\"]]}",
        "{\"type\":\"BPE\",\"unk_token\":\"<unk>\",\"fuse_unk\":null,\"byte_fallback\":null,\"ignore_merges\":null,\"dropout\":0.0,\"vocab\":{},\"merges\":[]}",
        // The merged token drops the prefix's bytes from the right part, whether it starts with the prefix or not.
        "{\"type\":\"BPE\",\"continuing_subword_prefix\":\"##\",\"vocab\":{\"a\":0,\"##b\":1,\"ab\":2},\"merges\":[[\"a\",\"##b\"]]}",
        "{\"type\":\"BPE\",\"continuing_subword_prefix\":\"##\",\"vocab\":{\"a\":0,\"##b\":1,\"a##b\":2},\"merges\":[[\"a\",\"##b\"]]}",
        "{\"type\":\"BPE\",\"continuing_subword_prefix\":\"##\",\"vocab\":{\"a\":0,\"bcd\":1,\"ad\":2},\"merges\":[[\"a\",\"bcd\"]]}",
        // Files from before the type field.
        "{\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}",
        "{\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}",
        "{\"unk_id\":0,\"vocab\":[[\"<unk>\",0.0]]}",
        "{\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100,\"vocab\":{\"[UNK]\":0}}");
    List<String> disagreements = new ArrayList<>();
    for (String model : models) {
      String json = tokenizer(model);
      boolean expected = referenceLoads(json);
      if (toksmithLoads(json) != expected) disagreements.add((expected ? "Hugging Face loads " : "Hugging Face refuses ") + model);
    }
    assertEquals(List.of(), disagreements);
  }

  @Test
  void bpeDropoutIsRefusedUnlessItIsZero() throws IOException {
    String model = "{\"type\":\"BPE\",\"dropout\":%s,\"vocab\":{\"a\":0},\"merges\":[]}";
    for (String none : new String[] {"null", "0", "0.0", "1e-50"}) assertTrue(toksmithLoads(tokenizer(model.formatted(none))), none);
    for (String some : new String[] {"0.1", "1", "\"0\""}) assertFalse(toksmithLoads(tokenizer(model.formatted(some))), some);
  }

  @Test
  void vocabulariesAreWrittenInIdOrder() throws IOException {
    String json = tokenizer("{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":7,"
        + "\"vocab\":{\"c\":5,\"[UNK]\":0,\"a\":2,\"b\":1}}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tokenizers.write(Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json"), out);
    String written = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", "");
    assertTrue(written.contains("\"max_input_chars_per_word\":7,\"vocab\":{\"[UNK]\":0,\"b\":1,\"a\":2,\"c\":5}"), written);
  }
}
