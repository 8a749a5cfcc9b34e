package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.processors.ByteLevelProcessor;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.processors.TemplateProcessing;
import dev.toksmith.vocab.TokenizerFormatException;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      throw JsonPath.error("version", "unknown tokenizer.json version " + top.string("version") + " (expected 1.0)");
    }
    for (String unsupported : List.of("truncation", "padding")) {
      if (top.has(unsupported)) throw JsonPath.error(unsupported, "is not supported yet; set it to null");
    }
    if (!top.has("model")) throw JsonPath.error("model", "is missing");
    Normalizer normalizer = top.has("normalizer") ? normalizer(JsonPath.object(top.get("normalizer"), "normalizer")) : null;
    PreTokenizer preTokenizer = top.has("pre_tokenizer") ? preTokenizer(JsonPath.object(top.get("pre_tokenizer"), "pre_tokenizer")) : null;
    Model model = model(JsonPath.object(top.get("model"), "model"));
    PostProcessor postProcessor = top.has("post_processor") ? postProcessor(JsonPath.object(top.get("post_processor"), "post_processor")) : null;
    Decoder decoder = top.has("decoder") ? decoder(JsonPath.object(top.get("decoder"), "decoder")) : null;
    List<AddedToken> added = top.has("added_tokens") ? addedTokens(top.array("added_tokens")) : List.of();
    try {
      return new Pipeline(normalizer, preTokenizer, model, postProcessor, decoder, added);
    } catch (IllegalArgumentException e) {
      throw JsonPath.error("", e.getMessage());
    }
  }

  private static String type(JsonPath o) throws TokenizerFormatException {
    return o.string("type");
  }

  private static TokenizerFormatException unsupported(JsonPath o, String kind, String type) {
    return JsonPath.error(o.child("type"), kind + " type " + type + " is not supported");
  }

  static Normalizer normalizer(JsonPath o) throws TokenizerFormatException {
    String type = type(o);
    switch (type) {
      case "NFC", "NFD", "NFKC", "NFKD", "Lowercase" -> {
        o.allowOnly(Set.of("type"));
        return Normalizers.byHuggingFaceType(type);
      }
      case "Sequence" -> {
        o.allowOnly(Set.of("type", "normalizers"));
        JsonNode list = o.array("normalizers");
        List<Normalizer> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) stages.add(normalizer(JsonPath.object(list.get(i), o.child("normalizers") + "[" + i + "]")));
        return new NormalizerSequence(stages);
      }
      default -> throw unsupported(o, "normalizer", type);
    }
  }

  static PreTokenizer preTokenizer(JsonPath o) throws TokenizerFormatException {
    String type = type(o);
    switch (type) {
      case "ByteLevel" -> {
        o.allowOnly(Set.of("type", "add_prefix_space", "trim_offsets", "use_regex"));
        return new ByteLevel(o.bool("add_prefix_space", true), o.bool("use_regex", true), o.bool("trim_offsets", true));
      }
      case "Split" -> {
        o.allowOnly(Set.of("type", "pattern", "behavior", "invert"));
        JsonPath pattern = JsonPath.object(o.get("pattern"), o.child("pattern"));
        pattern.allowOnly(Set.of("Regex", "String"));
        boolean regex = pattern.has("Regex");
        String text = pattern.string(regex ? "Regex" : "String");
        try {
          return new Split(text, regex, behavior(o), o.bool("invert", false));
        } catch (java.util.regex.PatternSyntaxException e) {
          throw JsonPath.error(pattern.child("Regex"), "regex does not compile: " + e.getDescription());
        }
      }
      case "Sequence" -> {
        o.allowOnly(Set.of("type", "pretokenizers"));
        JsonNode list = o.array("pretokenizers");
        List<PreTokenizer> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          PreTokenizer stage = preTokenizer(JsonPath.object(list.get(i), o.child("pretokenizers") + "[" + i + "]"));
          // toksmith hands bytes to the model instead of rewriting the text, so nothing may split after ByteLevel.
          if (i > 0 && stages.get(i - 1).byteLevel()) throw JsonPath.error(o.child("pretokenizers") + "[" + i + "]", "a pre-tokenizer after ByteLevel is not supported");
          stages.add(stage);
        }
        return new PreTokenizerSequence(stages);
      }
      default -> throw unsupported(o, "pre_tokenizer", type);
    }
  }

  private static SplitBehavior behavior(JsonPath o) throws TokenizerFormatException {
    String b = o.string("behavior");
    return switch (b) {
      case "Removed" -> SplitBehavior.REMOVED;
      case "Isolated" -> SplitBehavior.ISOLATED;
      case "MergedWithPrevious" -> SplitBehavior.MERGED_WITH_PREVIOUS;
      case "MergedWithNext" -> SplitBehavior.MERGED_WITH_NEXT;
      case "Contiguous" -> SplitBehavior.CONTIGUOUS;
      default -> throw JsonPath.error(o.child("behavior"), "unknown split behavior " + b);
    };
  }

  static Model model(JsonPath o) throws TokenizerFormatException {
    // Old files leave out the model type; a model with merges is BPE.
    String type = o.has("type") ? type(o) : (o.has("merges") ? "BPE" : "");
    if (!type.equals("BPE")) throw unsupported(o, "model", type.isEmpty() ? "(none)" : type);
    o.allowOnly(Set.of("type", "dropout", "unk_token", "continuing_subword_prefix", "end_of_word_suffix", "fuse_unk", "byte_fallback", "ignore_merges", "vocab", "merges"));
    if (o.has("dropout") && o.get("dropout").asDouble() != 0.0) {
      throw JsonPath.error(o.child("dropout"), "BPE dropout is random and not supported; set it to null");
    }
    JsonPath vocabNode = JsonPath.object(o.get("vocab"), o.child("vocab"));
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>(vocabNode.node().size());
    vocab.defaultReturnValue(-1);
    var fields = vocabNode.node().fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
        throw JsonPath.error(o.child("vocab") + "[" + quote(e.getKey()) + "]", "expected a non-negative integer id, found " + JsonPath.describe(e.getValue()));
      }
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    JsonNode mergesNode = o.array("merges");
    List<BpeModel.Merge> merges = new ArrayList<>(mergesNode.size());
    for (int i = 0; i < mergesNode.size(); i++) {
      String path = o.child("merges") + "[" + i + "]";
      JsonNode m = mergesNode.get(i);
      String left;
      String right;
      if (m.isTextual()) {
        // Legacy form "left right": split at the first space, as Hugging Face does.
        String s = m.asText();
        int space = s.indexOf(' ');
        if (space < 0) throw JsonPath.error(path, "expected \"left right\", found " + quote(s));
        left = s.substring(0, space);
        right = s.substring(space + 1);
      } else if (m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual()) {
        left = m.get(0).asText();
        right = m.get(1).asText();
      } else {
        throw JsonPath.error(path, "expected a pair of tokens, found " + JsonPath.describe(m));
      }
      int l = vocab.getInt(left);
      int r = vocab.getInt(right);
      int result = vocab.getInt(left + right);
      if (l < 0) throw JsonPath.error(path, "token " + quote(left) + " is not in the vocabulary");
      if (r < 0) throw JsonPath.error(path, "token " + quote(right) + " is not in the vocabulary");
      if (result < 0) throw JsonPath.error(path, "merged token " + quote(left + right) + " is not in the vocabulary");
      merges.add(new BpeModel.Merge(l, r, result));
    }
    BpeOptions options = new BpeOptions(
        o.optionalString("unk_token"),
        o.optionalString("continuing_subword_prefix"),
        o.optionalString("end_of_word_suffix"),
        o.bool("fuse_unk", false),
        o.bool("byte_fallback", false),
        o.bool("ignore_merges", false));
    try {
      return new BpeModel(vocab, merges, options);
    } catch (IllegalArgumentException e) {
      throw JsonPath.error(o.path(), e.getMessage());
    }
  }

  static PostProcessor postProcessor(JsonPath o) throws TokenizerFormatException {
    String type = type(o);
    switch (type) {
      case "ByteLevel" -> {
        o.allowOnly(Set.of("type", "add_prefix_space", "trim_offsets", "use_regex"));
        return new ByteLevelProcessor(o.bool("add_prefix_space", true), o.bool("trim_offsets", true), o.bool("use_regex", true));
      }
      case "TemplateProcessing" -> {
        o.allowOnly(Set.of("type", "single", "pair", "special_tokens"));
        List<TemplateProcessing.Piece> single = template(o, "single");
        List<TemplateProcessing.Piece> pair = template(o, "pair");
        JsonPath specials = JsonPath.object(o.get("special_tokens"), o.child("special_tokens"));
        Map<String, TemplateProcessing.SpecialToken> tokens = new LinkedHashMap<>();
        var it = specials.node().fields();
        while (it.hasNext()) {
          var e = it.next();
          JsonPath s = JsonPath.object(e.getValue(), specials.child(e.getKey()));
          s.allowOnly(Set.of("id", "ids", "tokens"));
          List<Integer> ids = new ArrayList<>();
          JsonNode idsNode = s.array("ids");
          for (int i = 0; i < idsNode.size(); i++) {
            if (!idsNode.get(i).canConvertToInt()) throw JsonPath.error(s.child("ids") + "[" + i + "]", "expected an integer id");
            ids.add(idsNode.get(i).asInt());
          }
          List<String> toks = new ArrayList<>();
          JsonNode toksNode = s.array("tokens");
          for (int i = 0; i < toksNode.size(); i++) toks.add(toksNode.get(i).asText());
          try {
            tokens.put(e.getKey(), new TemplateProcessing.SpecialToken(s.string("id"), ids, toks));
          } catch (IllegalArgumentException ex) {
            throw JsonPath.error(s.path(), ex.getMessage());
          }
        }
        try {
          return new TemplateProcessing(single, pair, tokens);
        } catch (IllegalArgumentException e) {
          throw JsonPath.error(o.path(), e.getMessage());
        }
      }
      default -> throw unsupported(o, "post_processor", type);
    }
  }

  private static List<TemplateProcessing.Piece> template(JsonPath o, String field) throws TokenizerFormatException {
    JsonNode list = o.array(field);
    List<TemplateProcessing.Piece> pieces = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonPath p = JsonPath.object(list.get(i), o.child(field) + "[" + i + "]");
      p.allowOnly(Set.of("SpecialToken", "Sequence"));
      boolean sequence = p.has("Sequence");
      JsonPath body = JsonPath.object(p.get(sequence ? "Sequence" : "SpecialToken"), p.child(sequence ? "Sequence" : "SpecialToken"));
      body.allowOnly(Set.of("id", "type_id"));
      pieces.add(new TemplateProcessing.Piece(sequence, body.string("id"), body.integer("type_id")));
    }
    return pieces;
  }

  static Decoder decoder(JsonPath o) throws TokenizerFormatException {
    String type = type(o);
    if (!type.equals("ByteLevel")) throw unsupported(o, "decoder", type);
    o.allowOnly(Set.of("type", "add_prefix_space", "trim_offsets", "use_regex"));
    return ByteLevelDecoder.INSTANCE;
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

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') sb.append('\\').appendCodePoint(cp);
      else if (cp < 0x20 || cp == 0x7F) sb.append(String.format("\\u%04x", cp));
      else sb.appendCodePoint(cp);
    });
    return sb.append('"').toString();
  }
}
