package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.core.reference.HfReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a model with Hugging Face's on whole texts. The reference gets a tokenizer.json holding
 * only the model (no normalizer, no pre-tokenizer), so each text reaches its model as one piece, as
 * it reaches toksmith's here; ids, token strings and UTF-16 offsets must all agree.
 */
public final class ReferenceModels {
  private ReferenceModels() {}

  /** A tokenizer.json around a model's JSON. */
  public static String tokenizerJson(String modelJson) {
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,\"model\":" + modelJson + "}";
  }

  /** The tokens of a text as "id:token@start-end" lines, the token being what an encoding reports. */
  public static List<String> tokens(Model model, String text) {
    List<String> out = new ArrayList<>();
    model.tokenize(text, new TokenSink() {
      @Override
      public void token(int id, int start, int end) {
        out.add(id + ":" + model.idToToken(id) + "@" + start + "-" + end);
      }

      @Override
      public void unknownToken(int id, int start, int end) {
        out.add(id + ":" + text.substring(start, end) + "@" + start + "-" + end);
      }
    });
    return out;
  }

  private static List<String> tokens(HfReference.Encoded e) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < e.ids().length; i++) out.add(e.ids()[i] + ":" + e.tokens()[i] + "@" + e.starts()[i] + "-" + e.ends()[i]);
    return out;
  }

  /** Asserts that the model tokenizes every text as Hugging Face does with {@code modelJson}. */
  public static void assertSameAsReference(Model model, String modelJson, List<String> texts) {
    try (HfReference hf = HfReference.load(tokenizerJson(modelJson))) {
      List<HfReference.Encoded> expected = hf.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        assertEquals(tokens(expected.get(i)), tokens(model, text), () -> "tokens of [" + text + "] " + Arrays.toString(text.codePoints().toArray()));
      }
    }
  }

  /** Asserts that both the model and Hugging Face refuse to tokenize {@code text}. */
  public static void assertBothFail(Model model, String modelJson, String text) {
    try (HfReference hf = HfReference.load(tokenizerJson(modelJson))) {
      assertThrows(RuntimeException.class, () -> hf.encode(text), "the reference fails");
      assertThrows(IllegalStateException.class, () -> tokens(model, text), "toksmith fails");
    }
  }

  /** A JSON string literal. */
  public static String quote(String s) {
    return HfReference.quote(s);
  }
}
