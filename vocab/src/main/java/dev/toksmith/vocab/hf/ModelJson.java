package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.vocab.TokenizerFormatException;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** tokenizer.json's {@code model}: reading and writing every model toksmith runs. */
final class ModelJson {
  private ModelJson() {}

  static Model read(JsonPath o) throws TokenizerFormatException {
    // Old files leave out the model type; a model with merges is BPE.
    String type = o.has("type") ? o.string("type") : (o.has("merges") ? "BPE" : "");
    if (!type.equals("BPE")) throw JsonPath.unsupported(o, "model", type.isEmpty() ? "(none)" : type);
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
        throw JsonPath.error(o.child("vocab") + "[" + JsonPath.quote(e.getKey()) + "]", "expected a non-negative integer id, found " + JsonPath.describe(e.getValue()));
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
        if (space < 0) throw JsonPath.error(path, "expected \"left right\", found " + JsonPath.quote(s));
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
      if (l < 0) throw JsonPath.error(path, "token " + JsonPath.quote(left) + " is not in the vocabulary");
      if (r < 0) throw JsonPath.error(path, "token " + JsonPath.quote(right) + " is not in the vocabulary");
      if (result < 0) throw JsonPath.error(path, "merged token " + JsonPath.quote(left + right) + " is not in the vocabulary");
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

  static void write(JsonGenerator g, Model m) throws IOException {
    if (!(m instanceof BpeModel bpe)) throw new TokenizerFormatException("cannot write model " + m.getClass().getSimpleName());
    g.writeStartObject();
    g.writeStringField("type", "BPE");
    g.writeNullField("dropout");
    JsonPath.writeNullableString(g, "unk_token", bpe.options().unkToken());
    JsonPath.writeNullableString(g, "continuing_subword_prefix", bpe.options().continuingSubwordPrefix());
    JsonPath.writeNullableString(g, "end_of_word_suffix", bpe.options().endOfWordSuffix());
    g.writeBooleanField("fuse_unk", bpe.options().fuseUnk());
    g.writeBooleanField("byte_fallback", bpe.options().byteFallback());
    g.writeBooleanField("ignore_merges", bpe.options().ignoreMerges());
    g.writeObjectFieldStart("vocab");
    for (int id = 0; id < bpe.idBound(); id++) {
      String token = bpe.idToToken(id);
      if (token != null) g.writeNumberField(token, id);
    }
    g.writeEndObject();
    boolean legacy = true;
    for (int id = 0; id < bpe.idBound() && legacy; id++) {
      String token = bpe.idToToken(id);
      if (token != null && token.indexOf(' ') >= 0) legacy = false;
    }
    g.writeArrayFieldStart("merges");
    for (BpeModel.Merge merge : bpe.merges()) {
      String left = bpe.idToToken(merge.left());
      String right = bpe.idToToken(merge.right());
      if (legacy) {
        g.writeString(left + " " + right);
      } else {
        // One pair per line: write the pair compactly between the indented elements.
        g.writeRawValue("[" + JsonPath.jsonString(left) + ", " + JsonPath.jsonString(right) + "]");
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

}
