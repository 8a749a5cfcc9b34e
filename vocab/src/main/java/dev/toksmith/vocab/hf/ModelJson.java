package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.concurrent.Alongside;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.models.unigram.UnigramModel;
import dev.toksmith.core.models.wordlevel.WordLevelModel;
import dev.toksmith.core.models.wordpiece.WordPieceModel;
import dev.toksmith.vocab.TokenizerFormatException;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * tokenizer.json's {@code model}: reading and writing every model toksmith runs, with Hugging Face's
 * fields, required fields and defaults (0.21). Writing a model and reading it back gives the same
 * model.
 */
final class ModelJson {
  private ModelJson() {}

  static final ComponentRegistry<Model, ModelArrays> COMPONENTS = new ComponentRegistry<Model, ModelArrays>("model", Model::describe)
      .add(BpeModel.TYPE, BpeModel.class, ModelJson::readBpe, ModelJson::writeBpe)
      .add(WordPieceModel.TYPE, WordPieceModel.class, ModelJson::readWordPiece, ModelJson::writeWordPiece)
      .add(WordLevelModel.TYPE, WordLevelModel.class, ModelJson::readWordLevel, ModelJson::writeWordLevel)
      .add(UnigramModel.TYPE, UnigramModel.class, ModelJson::readUnigram, ModelJson::writeUnigram);

  /**
   * @param arrays the vocabulary and merges when they were read as they streamed past (their nodes in
   *     {@code o} are then empty), or null
   */
  static Model read(JsonPath o, ModelArrays arrays) throws TokenizerFormatException {
    if (arrays == null) arrays = new ModelArrays();
    String type = o.has("type") ? o.string("type") : typeOfUntagged(o);
    try {
      return COMPONENTS.read(o, type, arrays);
    } catch (IllegalArgumentException e) {
      // What the model itself refuses (two tokens with one id, ...).
      throw JsonPath.error(o.path(), e.getMessage());
    }
  }

  /**
   * Old files leave out the type; Hugging Face then takes the first of BPE, WordPiece, WordLevel and
   * Unigram whose required fields are there.
   */
  private static String typeOfUntagged(JsonPath o) {
    if (o.has("vocab") && o.get("vocab").isArray()) return "Unigram";
    if (o.has("merges")) return "BPE";
    if (o.has("continuing_subword_prefix") && o.has("max_input_chars_per_word")) return "WordPiece";
    return "WordLevel";
  }

  static void write(JsonGenerator g, Model m) throws IOException {
    COMPONENTS.write(g, m);
  }

  // ---------------------------------------------------------------- BPE

  private static Model readBpe(JsonPath o, ModelArrays arrays) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "dropout", "unk_token", "continuing_subword_prefix", "end_of_word_suffix", "fuse_unk", "byte_fallback", "ignore_merges", "vocab", "merges"));
    if (o.has("dropout")) {
      JsonNode dropout = o.get("dropout");
      if (!dropout.isNumber()) throw JsonPath.error(o.child("dropout"), "expected a number, found " + JsonPath.describe(dropout));
      // Hugging Face keeps dropout as a 32-bit float; 0 means none.
      float p = (float) serdeF64(o.child("dropout"), dropout);
      if (!(p >= 0 && p <= 1)) throw JsonPath.error(o.child("dropout"), "must be between 0 and 1");
      if (p != 0) throw JsonPath.error(o.child("dropout"), "BPE dropout is random and not supported; set it to null");
    }
    if (!o.has("merges")) throw JsonPath.error(o.child("merges"), "is missing");
    if (arrays.resolvedMerges != null) {
      // Merges and tables from a cached entry, made from this document (CachedModel): the tables are
      // made ready while the vocabulary is built on another thread.
      BpeOptions options = bpeOptions(o);
      BpeModel.Prepared prepared = BpeModel.prepare(arrays.tables, arrays.resolvedMerges, options.ignoreMerges());
      return new BpeModel(tokenIds(o, arrays), arrays.resolvedMerges, options, prepared);
    }
    Vocabulary vocab = tokenIds(o, arrays);
    BpeOptions options = bpeOptions(o);
    List<BpeModel.Merge> merges = arrays.hasMerges ? merges(o, arrays, vocab, options.continuingSubwordPrefix()) : merges(o, vocab, options.continuingSubwordPrefix());
    return new BpeModel(vocab, merges, options);
  }

  private static BpeOptions bpeOptions(JsonPath o) throws TokenizerFormatException {
    return new BpeOptions(
        o.optionalString("unk_token"),
        o.optionalString("continuing_subword_prefix"),
        o.optionalString("end_of_word_suffix"),
        o.bool("fuse_unk", false),
        o.bool("byte_fallback", false),
        o.bool("ignore_merges", false));
  }

  /**
   * The merges, as pairs or as legacy "left right" strings (split at every space into exactly two
   * parts; lines starting with "#version" skipped, as in a merges.txt). A merge makes {@code left}
   * followed by {@code right} without the continuing-subword prefix's first bytes, as in Hugging Face.
   */
  private static List<BpeModel.Merge> merges(JsonPath o, Vocabulary vocab, String prefix) throws TokenizerFormatException {
    JsonNode list = o.array("merges");
    boolean pairs = true;
    boolean strings = true;
    for (JsonNode m : list) {
      pairs &= m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual();
      strings &= m.isTextual();
    }
    if (!pairs && !strings) throw JsonPath.error(o.child("merges"), "expected pairs of tokens or \"left right\" strings");
    int prefixBytes = prefix == null ? 0 : prefix.getBytes(StandardCharsets.UTF_8).length;
    List<BpeModel.Merge> merges = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String path = o.child("merges") + "[" + i + "]";
      JsonNode m = list.get(i);
      String left;
      String right;
      if (pairs) {
        left = m.get(0).asText();
        right = m.get(1).asText();
      } else {
        if (m.asText().startsWith("#version")) continue;
        String[] parts = m.asText().split(" ", -1);
        if (parts.length != 2) throw JsonPath.error(path, "expected \"left right\", found " + JsonPath.quote(m.asText()));
        left = parts[0];
        right = parts[1];
      }
      merges.add(merge(path, vocab, left, right, prefixBytes));
    }
    return merges;
  }

  /** The merge of {@code left} and {@code right}, whose result is {@code right} without the prefix's first bytes. */
  private static BpeModel.Merge merge(String path, Vocabulary vocab, String left, String right, int prefixBytes) throws TokenizerFormatException {
    byte[] rightBytes = right.getBytes(StandardCharsets.UTF_8);
    if (prefixBytes > rightBytes.length || (prefixBytes < rightBytes.length && (rightBytes[prefixBytes] & 0xC0) == 0x80)) {
      throw JsonPath.error(path, "cannot cut the continuing_subword_prefix's " + prefixBytes + " bytes off " + JsonPath.quote(right));
    }
    String merged = left + new String(rightBytes, prefixBytes, rightBytes.length - prefixBytes, StandardCharsets.UTF_8);
    for (String token : new String[] {left, right, merged}) {
      if (vocab.id(token) < 0) throw JsonPath.error(path, "token " + JsonPath.quote(token) + " is not in the vocabulary");
    }
    return new BpeModel.Merge(vocab.id(left), vocab.id(right), vocab.id(merged));
  }

  /**
   * The merges as {@link ModelArrays} read them: the same checks and messages as for a tree, and
   * without a string for each part when there is no continuing-subword prefix.
   */
  private static List<BpeModel.Merge> merges(JsonPath o, ModelArrays arrays, Vocabulary vocab, String prefix) throws TokenizerFormatException {
    if (!arrays.mergesArePairs && !arrays.mergesAreStrings) throw JsonPath.error(o.child("merges"), "expected pairs of tokens or \"left right\" strings");
    int prefixBytes = prefix == null ? 0 : prefix.getBytes(StandardCharsets.UTF_8).length;
    int n = arrays.mergeCount;
    if (n < PARALLEL_MERGES) return merges(o, arrays, vocab, prefixBytes, 0, n);
    // A large list: the other half is resolved on another thread (nothing else runs while loading).
    var halves = Alongside.run(() -> merges(o, arrays, vocab, prefixBytes, 0, n / 2), () -> merges(o, arrays, vocab, prefixBytes, n / 2, n));
    BpeModel.Merges merges = halves.mine();
    merges.addAll(halves.other());
    return merges;
  }

  /** Merge lists at least this long are resolved on two threads. */
  private static final int PARALLEL_MERGES = 50_000;

  /** The merges {@code [from, to)} of what {@link ModelArrays} read. */
  private static BpeModel.Merges merges(JsonPath o, ModelArrays arrays, Vocabulary vocab, int prefixBytes, int from, int to) throws TokenizerFormatException {
    char[] chars = arrays.mergeChars;
    BpeModel.Merges merges = new BpeModel.Merges(to - from);
    for (int i = from; i < to; i++) {
      int start = arrays.starts[i];
      int end = arrays.ends[i];
      int mid = arrays.mids[i];
      if (mid < 0) {
        if (startsWith(chars, start, end, "#version")) continue;
        mid = indexOf(chars, start, end, ' ');
        if (mid < 0 || indexOf(chars, mid + 1, end, ' ') >= 0) {
          throw JsonPath.error(o.child("merges") + "[" + i + "]", "expected \"left right\", found " + JsonPath.quote(new String(chars, start, end - start)));
        }
        mid++;
      }
      int leftEnd = arrays.mids[i] < 0 ? mid - 1 : mid;
      int left = vocab.id(chars, start, leftEnd);
      int right = vocab.id(chars, mid, end);
      int result = vocab.idOfJoined(chars, start, leftEnd, chars, mid, end);
      if (prefixBytes > 0 || left < 0 || right < 0 || result < 0) {
        // The slow way gives the prefix's cut and the message naming what is missing.
        BpeModel.Merge m = merge(o.child("merges") + "[" + i + "]", vocab, new String(chars, start, leftEnd - start), new String(chars, mid, end - mid), prefixBytes);
        merges.add(m.left(), m.right(), m.result());
      } else {
        merges.add(left, right, result);
      }
    }
    return merges;
  }

  private static boolean startsWith(char[] chars, int from, int to, String prefix) {
    if (to - from < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) if (chars[from + i] != prefix.charAt(i)) return false;
    return true;
  }

  private static int indexOf(char[] chars, int from, int to, char c) {
    for (int i = from; i < to; i++) if (chars[i] == c) return i;
    return -1;
  }

  private static void writeBpe(JsonGenerator g, BpeModel bpe, StageWriter<Model> models) throws IOException {
    g.writeNullField("dropout");
    JsonPath.writeNullableString(g, "unk_token", bpe.options().unkToken());
    JsonPath.writeNullableString(g, "continuing_subword_prefix", bpe.options().continuingSubwordPrefix());
    JsonPath.writeNullableString(g, "end_of_word_suffix", bpe.options().endOfWordSuffix());
    g.writeBooleanField("fuse_unk", bpe.options().fuseUnk());
    g.writeBooleanField("byte_fallback", bpe.options().byteFallback());
    g.writeBooleanField("ignore_merges", bpe.options().ignoreMerges());
    writeTokenIds(g, bpe.vocabulary());
    // The legacy "left right" form is shorter, but cannot hold a token with a space or a merge read as a comment.
    boolean legacy = true;
    for (String token : bpe.vocabulary().tokensInIdOrder()) legacy &= token.indexOf(' ') < 0 && !token.startsWith("#version");
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
  }

  // ---------------------------------------------------------------- WordPiece and WordLevel

  private static Model readWordPiece(JsonPath o, ModelArrays arrays) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "unk_token", "continuing_subword_prefix", "max_input_chars_per_word", "vocab"));
    // Hugging Face has defaults for these in its builder, but a tokenizer.json must give them all.
    JsonNode max = required(o, "max_input_chars_per_word");
    if (!max.isIntegralNumber() || max.bigIntegerValue().signum() < 0) {
      throw JsonPath.error(o.child("max_input_chars_per_word"), "expected a non-negative integer, found " + JsonPath.describe(max));
    }
    // No piece is longer than Java's strings, so larger limits all mean "no limit".
    int limit = max.canConvertToInt() ? max.intValue() : Integer.MAX_VALUE;
    return new WordPieceModel(tokenIds(o, arrays), requiredString(o, "unk_token"), requiredString(o, "continuing_subword_prefix"), limit);
  }

  private static void writeWordPiece(JsonGenerator g, WordPieceModel wordPiece, StageWriter<Model> models) throws IOException {
    g.writeStringField("unk_token", wordPiece.unkToken());
    g.writeStringField("continuing_subword_prefix", wordPiece.continuingSubwordPrefix());
    g.writeNumberField("max_input_chars_per_word", wordPiece.maxInputCharsPerWord());
    writeTokenIds(g, wordPiece.vocabulary());
  }

  private static Model readWordLevel(JsonPath o, ModelArrays arrays) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "vocab", "unk_token"));
    return new WordLevelModel(tokenIds(o, arrays), requiredString(o, "unk_token"));
  }

  private static void writeWordLevel(JsonGenerator g, WordLevelModel wordLevel, StageWriter<Model> models) throws IOException {
    writeTokenIds(g, wordLevel.vocabulary());
    g.writeStringField("unk_token", wordLevel.unkToken());
  }

  private static JsonNode required(JsonPath o, String field) throws TokenizerFormatException {
    if (!o.has(field)) throw JsonPath.error(o.child(field), "is missing");
    return o.get(field);
  }

  private static String requiredString(JsonPath o, String field) throws TokenizerFormatException {
    required(o, field);
    return o.string(field);
  }

  /** The {@code vocab} object of BPE, WordPiece and WordLevel: token to id. */
  private static Vocabulary tokenIds(JsonPath o, ModelArrays arrays) throws TokenizerFormatException {
    JsonPath vocabNode = JsonPath.object(arrays.hasPieces ? arrays.vocabTree() : required(o, "vocab"), o.child("vocab"));
    if (!arrays.hasTokenIds) {
      arrays.forgetVocabulary();
      arrays.tokenCount = 0;
      var fields = vocabNode.node().fields();
      while (fields.hasNext()) {
        var e = fields.next();
        boolean valid = e.getValue().isIntegralNumber() && e.getValue().canConvertToInt() && e.getValue().asInt() >= 0;
        if (!valid) arrays.badIds.add(e.getValue());
        arrays.addTokenId(e.getKey(), valid ? e.getValue().asInt() : -arrays.badIds.size());
      }
    }
    if (!arrays.badIds.isEmpty()) {
      // A key given twice keeps its last value: the first key (by its first place) whose last value is no id fails.
      Object2IntOpenHashMap<String> last = new Object2IntOpenHashMap<>(arrays.tokenCount);
      for (int i = 0; i < arrays.tokenCount; i++) last.put(arrays.tokens[i], arrays.ids[i]);
      for (int i = 0; i < arrays.tokenCount; i++) {
        int id = last.getInt(arrays.tokens[i]);
        if (id < 0) {
          throw JsonPath.error(o.child("vocab") + "[" + JsonPath.quote(arrays.tokens[i]) + "]", "expected a non-negative integer id, found " + JsonPath.describe(arrays.badIds.get(-id - 1)));
        }
      }
      // Every token's last value is an id: the others were overwritten.
      int kept = 0;
      for (int i = 0; i < arrays.tokenCount; i++) {
        if (arrays.ids[i] < 0) continue;
        arrays.tokens[kept] = arrays.tokens[i];
        arrays.ids[kept++] = arrays.ids[i];
      }
      arrays.tokenCount = kept;
    }
    return arrays.vocabulary();
  }

  /** The vocabulary in id order, as Hugging Face writes it. */
  private static void writeTokenIds(JsonGenerator g, Vocabulary vocab) throws IOException {
    g.writeObjectFieldStart("vocab");
    for (int id = 0; id < vocab.idBound(); id++) {
      String token = vocab.token(id);
      if (token != null) g.writeNumberField(token, id);
    }
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- Unigram

  private static Model readUnigram(JsonPath o, ModelArrays arrays) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "unk_id", "vocab", "byte_fallback"));
    JsonNode list = arrays.hasTokenIds ? arrays.vocabTree() : required(o, "vocab");
    if (!list.isArray()) throw JsonPath.error(o.child("vocab"), "expected an array, found " + JsonPath.describe(list));
    List<UnigramModel.Piece> pieces = new ArrayList<>(arrays.hasPieces ? arrays.pieceCount : list.size());
    if (arrays.hasPieces) {
      for (int i = 0; i < arrays.pieceCount; i++) pieces.add(new UnigramModel.Piece(arrays.pieces[i], serdeF64(o.child("vocab") + "[" + i + "][1]", arrays.scores[i])));
      if (arrays.badPiece != null) {
        throw JsonPath.error(o.child("vocab") + "[" + arrays.pieceCount + "]", "expected [piece, score], found " + JsonPath.describe(arrays.badPiece));
      }
    }
    for (int i = 0; !arrays.hasPieces && i < list.size(); i++) {
      String path = o.child("vocab") + "[" + i + "]";
      JsonNode entry = list.get(i);
      if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isTextual() || !entry.get(1).isNumber()) {
        throw JsonPath.error(path, "expected [piece, score], found " + JsonPath.describe(entry));
      }
      pieces.add(new UnigramModel.Piece(entry.get(0).asText(), serdeF64(path + "[1]", entry.get(1).decimalValue())));
    }
    int unkId = -1;
    if (o.has("unk_id")) {
      JsonNode id = o.get("unk_id");
      if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) throw JsonPath.error(o.child("unk_id"), "expected a non-negative integer, found " + JsonPath.describe(id));
      unkId = id.asInt();
    }
    // Unlike BPE's options, Hugging Face takes no null here.
    JsonNode byteFallback = o.get("byte_fallback");
    if (byteFallback != null && !byteFallback.isBoolean()) throw JsonPath.error(o.child("byte_fallback"), "expected true or false, found " + JsonPath.describe(byteFallback));
    try {
      return new UnigramModel(pieces, unkId, byteFallback != null && byteFallback.asBoolean());
    } catch (IllegalArgumentException e) {
      throw JsonPath.error(o.path(), e.getMessage());
    }
  }

  private static void writeUnigram(JsonGenerator g, UnigramModel unigram, StageWriter<Model> models) throws IOException {
    if (unigram.unkId() < 0) g.writeNullField("unk_id");
    else g.writeNumberField("unk_id", unigram.unkId());
    g.writeArrayFieldStart("vocab");
    for (UnigramModel.Piece p : unigram.vocabulary()) {
      // One piece per line: write the pair compactly between the indented elements.
      g.writeRawValue("[" + JsonPath.jsonString(p.token()) + ", " + SerdeFloats.write(p.score()) + "]");
    }
    g.writeEndArray();
    g.writeBooleanField("byte_fallback", unigram.byteFallback());
  }

  /** A number as Hugging Face reads it. */
  private static double serdeF64(String path, JsonNode number) throws TokenizerFormatException {
    return serdeF64(path, number.decimalValue());
  }

  private static double serdeF64(String path, java.math.BigDecimal literal) throws TokenizerFormatException {
    try {
      return SerdeFloats.read(literal);
    } catch (ArithmeticException e) {
      throw JsonPath.error(path, "number out of range");
    }
  }
}
