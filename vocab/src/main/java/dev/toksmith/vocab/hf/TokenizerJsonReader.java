package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.nio.file.Path;
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
   * Reads a tokenizer.json document from a parser; returns null for a stream without content. The
   * model's vocabulary and merges are read as they stream past, without building their JSON tree;
   * the rest is read as trees ({@link JsonTrees}).
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException if the text is not JSON
   */
  public static Pipeline read(JsonParser p) throws IOException {
    return read(p, null);
  }

  /**
   * Reads the tokenizer.json document {@code doc[0, length)} with parsers that {@code json} makes;
   * returns null for a document without content. A large model's vocabulary and merges are read from
   * the bytes directly when they have the plain shapes ({@link ModelBytes}); the result and errors are
   * those of {@link #read(JsonParser)} on the whole document.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException if the text is not JSON
   */
  public static Pipeline read(byte[] doc, int length, JsonFactory json) throws IOException {
    return read(doc, length, json, null);
  }

  /**
   * As {@link #read(byte[], int, JsonFactory)}, keeping a large BPE model's vocabulary and merges,
   * resolved to ids, in the cache directory {@code cache} (null for none): a later read of the same
   * bytes takes them from there ({@link CachedModel}). The result is the same either way.
   */
  public static Pipeline read(byte[] doc, int length, JsonFactory json, Path cache) throws IOException {
    CachedModel entry = CachedModel.of(cache, doc, length);
    ModelBytes cached = entry == null ? null : entry.read();
    if (cached != null) {
      Pipeline pipeline = fromSkeleton(cached, json);
      if (pipeline != null) return pipeline;
    }
    ModelBytes model = ModelBytes.read(doc, length, json.streamReadConstraints());
    if (model != null) {
      Pipeline pipeline = fromSkeleton(model, json);
      if (pipeline != null) {
        if (entry != null && model.hasBoth() && pipeline.model() instanceof BpeModel bpe && bpe.merges() instanceof BpeModel.Merges) entry.write(model, bpe);
        return pipeline;
      }
    }
    try (JsonParser p = json.createParser(doc, 0, length)) {
      return read(p, null);
    }
  }

  /**
   * The pipeline of the document with {@code model}'s vocabulary and merges taken from it, or null when
   * it has to be read whole: for the error (or result) a whole read gives.
   */
  private static Pipeline fromSkeleton(ModelBytes model, JsonFactory json) {
    try (JsonParser p = json.createParser(model.skeleton())) {
      Pipeline pipeline = read(p, model);
      if (model.allTaken()) return pipeline;
    } catch (IOException | RuntimeException e) {
      // Read whole.
    }
    model.arrays().forgetVocabulary();
    return null;
  }

  /** As {@link #read(JsonParser)}, taking the vocabulary and merges {@code model} read at the values that stand for them. */
  static Pipeline read(JsonParser p, ModelBytes model) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) return null;
    if (first != JsonToken.START_OBJECT) return read(JsonTrees.read(p), (ModelArrays) null);
    ObjectNode root = JsonTrees.NODES.objectNode();
    ModelArrays arrays = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("model") && value == JsonToken.START_OBJECT) {
        arrays = new ModelArrays();
        root.set(field, readModel(p, arrays, model));
      } else {
        root.set(field, JsonTrees.read(p));
        if (field.equals("model")) arrays = null;
      }
    }
    return read(root, arrays);
  }

  /**
   * The model object with its large arrays read into {@code arrays}, and left empty in the tree; taken
   * from {@code read} where it read them.
   */
  private static ObjectNode readModel(JsonParser p, ModelArrays arrays, ModelBytes read) throws IOException {
    ObjectNode model = JsonTrees.NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      // A field given twice keeps its last value, as in a tree (Tokenizers' parser refuses it before).
      if (field.equals("vocab")) {
        arrays.hasTokenIds = arrays.hasPieces = false;
        arrays.forgetVocabulary();
      }
      if (field.equals("merges")) arrays.hasMerges = false;
      if (field.equals("vocab") && value == JsonToken.START_OBJECT) {
        boolean taken = read != null && read.atVocabulary(p);
        arrays.readTokenIds(p);
        if (taken) arrays.adoptTokenIds(read.arrays());
        model.set(field, JsonTrees.NODES.objectNode());
      } else if (field.equals("vocab") && value == JsonToken.START_ARRAY) {
        arrays.readPieces(p);
        model.set(field, JsonTrees.NODES.arrayNode());
      } else if (field.equals("merges") && value == JsonToken.START_ARRAY) {
        boolean taken = read != null && read.atMerges(p);
        arrays.readMerges(p);
        if (taken) arrays.adoptMerges(read.arrays());
        model.set(field, JsonTrees.NODES.arrayNode());
      } else {
        model.set(field, JsonTrees.read(p));
      }
    }
    return model;
  }

  /** Builds the pipeline a parsed document describes. */
  public static Pipeline read(JsonNode root) throws TokenizerFormatException {
    return read(root, null);
  }

  private static Pipeline read(JsonNode root, ModelArrays arrays) throws TokenizerFormatException {
    JsonPath top = JsonPath.object(root, "");
    top.allowOnly(Set.of("version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder", "model"));
    if (top.has("version") && !top.string("version").equals("1.0")) {
      throw JsonPath.error("version", "unknown tokenizer.json version " + Excerpt.of(top.string("version")) + " (expected 1.0)");
    }
    if (!top.has("model")) throw JsonPath.error("model", "is missing");
    Normalizer normalizer = top.has("normalizer") ? NormalizerJson.read(JsonPath.object(top.get("normalizer"), "normalizer")) : null;
    PreTokenizer preTokenizer = top.has("pre_tokenizer") ? PreTokenizerJson.read(JsonPath.object(top.get("pre_tokenizer"), "pre_tokenizer")) : null;
    Model model = ModelJson.read(JsonPath.object(top.get("model"), "model"), arrays);
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
