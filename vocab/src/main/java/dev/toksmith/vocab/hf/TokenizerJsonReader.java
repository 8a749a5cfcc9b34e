package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.io.InputStream;
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

  /**
   * Parses a tokenizer.json document into the tree {@link #read(JsonNode)} takes, with the model's
   * vocabulary and merges held compactly rather than as JSON nodes (see {@link LargeFields}); null for
   * an empty document.
   */
  public static JsonNode parse(ObjectMapper mapper, InputStream in) throws IOException {
    return LargeFields.read(mapper, in.readAllBytes());
  }

  public static Pipeline read(JsonNode root) throws TokenizerFormatException {
    JsonPath top = JsonPath.object(root, "");
    top.allowOnly(Set.of("version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder", "model"));
    if (top.has("version") && !top.string("version").equals("1.0")) {
      throw JsonPath.error("version", "unknown tokenizer.json version " + top.string("version") + " (expected 1.0)");
    }
    if (!top.has("model")) throw JsonPath.error("model", "is missing");
    Normalizer normalizer = top.has("normalizer") ? NormalizerJson.read(JsonPath.object(top.get("normalizer"), "normalizer")) : null;
    PreTokenizer preTokenizer = top.has("pre_tokenizer") ? PreTokenizerJson.read(JsonPath.object(top.get("pre_tokenizer"), "pre_tokenizer")) : null;
    Model model = ModelJson.read(JsonPath.object(top.get("model"), "model"));
    PostProcessor postProcessor = top.has("post_processor") ? PostProcessorJson.read(JsonPath.object(top.get("post_processor"), "post_processor")) : null;
    Decoder decoder = top.has("decoder") ? DecoderJson.read(JsonPath.object(top.get("decoder"), "decoder")) : null;
    List<AddedToken> added = top.has("added_tokens") ? addedTokens(top.array("added_tokens")) : List.of();
    Truncation truncation = top.has("truncation") ? TruncationPaddingJson.readTruncation(JsonPath.object(top.get("truncation"), "truncation")) : null;
    Padding padding = top.has("padding") ? TruncationPaddingJson.readPadding(JsonPath.object(top.get("padding"), "padding")) : null;
    try {
      return new Pipeline(normalizer, preTokenizer, model, postProcessor, decoder, added).withStoredTruncation(truncation).withPadding(padding);
    } catch (IllegalArgumentException e) {
      throw JsonPath.error("", e.getMessage());
    }
  }

  private static List<AddedToken> addedTokens(JsonNode list) throws TokenizerFormatException {
    List<AddedToken> tokens = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonPath t = JsonPath.object(list.get(i), "added_tokens[" + i + "]");
      t.allowOnly(Set.of("id", "content", "single_word", "lstrip", "rstrip", "normalized", "special"));
      t.integer("id");
      boolean special = t.bool("special", false);
      tokens.add(new AddedToken(t.string("content"), t.bool("single_word", false), t.bool("lstrip", false), t.bool("rstrip", false), t.bool("normalized", true), special));
    }
    return tokens;
  }

}
