package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link Pipeline} from a parsed Hugging Face tokenizer.json. Strict: a field or component
 * this reader does not know is an error naming its path, never silently ignored, because ignoring
 * it could change the ids.
 */
public final class TokenizerJsonReader {
  private TokenizerJsonReader() {}

  public static Pipeline read(JsonNode root) throws TokenizerFormatException {
    JsonPath top = JsonPath.object(root, "");
    top.allowOnly(Set.of("version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder", "model"));
    if (top.has("version") && !top.string("version").equals("1.0")) {
      throw JsonPath.error("version", "unknown tokenizer.json version " + Excerpt.of(top.string("version")) + " (expected 1.0)");
    }
    if (!top.has("model")) throw JsonPath.error("model", "is missing");
    Normalizer normalizer = top.has("normalizer") ? NormalizerJson.read(JsonPath.object(top.get("normalizer"), "normalizer")) : null;
    PreTokenizer preTokenizer = top.has("pre_tokenizer") ? PreTokenizerJson.read(JsonPath.object(top.get("pre_tokenizer"), "pre_tokenizer")) : null;
    Model model = ModelJson.read(JsonPath.object(top.get("model"), "model"));
    PostProcessor postProcessor = top.has("post_processor") ? PostProcessorJson.read(JsonPath.object(top.get("post_processor"), "post_processor")) : null;
    Decoder decoder = top.has("decoder") ? DecoderJson.read(JsonPath.object(top.get("decoder"), "decoder")) : null;
    List<AddedToken> added = new ArrayList<>();
    List<Integer> storedIds = new ArrayList<>();
    if (top.has("added_tokens")) addedTokens(top.array("added_tokens"), added, storedIds);
    Truncation truncation = top.has("truncation") ? TruncationPaddingJson.readTruncation(JsonPath.object(top.get("truncation"), "truncation")) : null;
    Padding padding = top.has("padding") ? TruncationPaddingJson.readPadding(JsonPath.object(top.get("padding"), "padding")) : null;
    Pipeline pipeline;
    try {
      pipeline = new Pipeline(normalizer, preTokenizer, model, postProcessor, decoder, added).withStoredTruncation(truncation).withPadding(padding);
    } catch (IllegalArgumentException e) {
      throw JsonPath.error("", e.getMessage());
    }
    checkAddedTokenIds(pipeline, model, added, storedIds);
    return pipeline;
  }

  private static void addedTokens(JsonNode list, List<AddedToken> tokens, List<Integer> ids) throws TokenizerFormatException {
    for (int i = 0; i < list.size(); i++) {
      JsonPath t = JsonPath.object(list.get(i), "added_tokens[" + i + "]");
      t.allowOnly(Set.of("id", "content", "single_word", "lstrip", "rstrip", "normalized", "special"));
      ids.add(t.integer("id"));
      boolean special = t.bool("special", false);
      tokens.add(new AddedToken(t.string("content"), t.bool("single_word", false), t.bool("lstrip", false), t.bool("rstrip", false), t.bool("normalized", true), special));
    }
  }

  /**
   * Hugging Face ignores the ids stored with added tokens: a token in the model's vocabulary gets its
   * id there, any other the next id after the vocabulary and the tokens added before it, and a stored
   * id that differs only earns a log warning. Such a file means two things at once (the ids a model was
   * trained with, and the ids Hugging Face gives), so toksmith refuses it rather than pick one.
   */
  private static void checkAddedTokenIds(Pipeline pipeline, Model model, List<AddedToken> added, List<Integer> storedIds) throws TokenizerFormatException {
    for (int i = 0; i < added.size(); i++) {
      String content = added.get(i).content();
      // Hugging Face skips an empty token; it never matches, whatever its id.
      if (content.isEmpty()) continue;
      int assigned = pipeline.addedVocabulary().idOf(content);
      int stored = storedIds.get(i);
      if (stored == assigned) continue;
      String why = model.tokenToId(content) == assigned ? "its id in the model's vocabulary is " + assigned
          : "Hugging Face gives it " + assigned + ", the next id after the vocabulary and the tokens added before it";
      throw JsonPath.error("added_tokens[" + i + "].id", "token " + JsonPath.quote(content) + " is stored with id " + stored + ", but " + why
          + " (Hugging Face ignores stored ids; fix the file)");
    }
  }

}
