package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
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

  static Model read(JsonPath o) throws TokenizerFormatException {
    String type = o.has("type") ? o.string("type") : typeOfUntagged(o);
    return switch (type) {
      case "BPE" -> readBpe(o);
      case "WordPiece" -> readWordPiece(o);
      case "WordLevel" -> readWordLevel(o);
      case "Unigram" -> readUnigram(o);
      default -> throw JsonPath.unsupported(o, "model", type);
    };
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
    g.writeStartObject();
    if (m instanceof BpeModel bpe) writeBpe(g, bpe);
    else if (m instanceof WordPieceModel wordPiece) writeWordPiece(g, wordPiece);
    else if (m instanceof WordLevelModel wordLevel) writeWordLevel(g, wordLevel);
    else if (m instanceof UnigramModel unigram) writeUnigram(g, unigram);
    else throw new TokenizerFormatException("cannot write model " + m.getClass().getSimpleName());
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- BPE

  private static Model readBpe(JsonPath o) throws TokenizerFormatException {
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
    LargeFields.TokenIds vocab = vocab(o);
    BpeOptions options = new BpeOptions(
        o.optionalString("unk_token"),
        o.optionalString("continuing_subword_prefix"),
        o.optionalString("end_of_word_suffix"),
        o.bool("fuse_unk", false),
        o.bool("byte_fallback", false),
        o.bool("ignore_merges", false));
    LargeFields.Merges list = mergeList(o);
    int split = list.size() * 3 / 5;
    // Large vocabularies: the other thread resolves the last merges and spells the vocabulary meanwhile.
    var both = Alongside.run(() -> merges(o, list, 0, split, vocab.utf8(), options.continuingSubwordPrefix()),
        () -> new Object[] {vocab.ids(), merges(o, list, split, list.size(), vocab.utf8(), options.continuingSubwordPrefix())});
    BpeModel.Merges merges = both.mine();
    merges.addAll((BpeModel.Merges) both.other()[1]);
    @SuppressWarnings("unchecked")
    Object2IntOpenHashMap<String> ids = (Object2IntOpenHashMap<String>) both.other()[0];
    return new BpeModel(Vocabulary.adopting(ids), merges, options);
  }

  /**
   * The merges, as pairs or as legacy "left right" strings (split at every space into exactly two
   * parts; lines starting with "#version" skipped, as in a merges.txt), as (left, right, result) ids.
   * A merge makes {@code left} followed by {@code right} without the continuing-subword prefix's first
   * bytes, as in Hugging Face. Resolved from the tokens' UTF-8 bytes, without a string per merge.
   */
  private static LargeFields.Merges mergeList(JsonPath o) throws TokenizerFormatException {
    JsonNode node = o.get("merges");
    LargeFields.Merges list = node instanceof POJONode pojo && pojo.getPojo() instanceof LargeFields.Merges streamed ? streamed : LargeFields.merges(o.array("merges"));
    if (!list.allPairs() && !list.allStrings()) throw JsonPath.error(o.child("merges"), "expected pairs of tokens or \"left right\" strings");
    return list;
  }

  /** The merges {@code [from, to)} of the list. */
  private static BpeModel.Merges merges(JsonPath o, LargeFields.Merges list, int from, int to, Utf8Ids vocab, String prefix) throws TokenizerFormatException {
    boolean pairs = list.allPairs();
    int prefixBytes = prefix == null ? 0 : prefix.getBytes(StandardCharsets.UTF_8).length;
    byte[] a = list.arena();
    byte[] joined = new byte[64];
    BpeModel.Merges merges = new BpeModel.Merges(to - from);
    for (int i = from; i < to; i++) {
      int leftStart = list.leftStarts()[i];
      int leftLength = list.leftLengths()[i];
      int rightStart = list.rightStarts()[i];
      int rightLength = list.rightLengths()[i];
      if (!pairs) {
        if (startsWith(a, leftStart, leftLength, VERSION)) continue;
        int space = indexOf(a, leftStart, leftStart + leftLength, (byte) ' ');
        if (space < 0 || indexOf(a, space + 1, leftStart + leftLength, (byte) ' ') >= 0) {
          throw JsonPath.error(mergePath(o, i), "expected \"left right\", found " + JsonPath.quote(LargeFields.element(list, i)));
        }
        rightStart = space + 1;
        rightLength = leftStart + leftLength - rightStart;
        leftLength = space - leftStart;
      }
      if (prefixBytes > rightLength || (prefixBytes > 0 && prefixBytes < rightLength && (a[rightStart + prefixBytes] & 0xC0) == 0x80)) {
        throw JsonPath.error(mergePath(o, i), "cannot cut the continuing_subword_prefix's " + prefixBytes + " bytes off " + JsonPath.quote(utf8(a, rightStart, rightLength)));
      }
      int mergedLength = leftLength + rightLength - prefixBytes;
      if (joined.length < mergedLength) joined = new byte[Math.max(mergedLength, 2 * joined.length)];
      System.arraycopy(a, leftStart, joined, 0, leftLength);
      System.arraycopy(a, rightStart + prefixBytes, joined, leftLength, rightLength - prefixBytes);
      int left = vocab.get(a, leftStart, leftLength);
      int right = vocab.get(a, rightStart, rightLength);
      int merged = vocab.get(joined, 0, mergedLength);
      if (left < 0 || right < 0 || merged < 0) {
        String missing = left < 0 ? utf8(a, leftStart, leftLength) : right < 0 ? utf8(a, rightStart, rightLength) : utf8(joined, 0, mergedLength);
        throw JsonPath.error(mergePath(o, i), "token " + JsonPath.quote(missing) + " is not in the vocabulary");
      }
      merges.add(left, right, merged);
    }
    return merges;
  }

  private static final byte[] VERSION = "#version".getBytes(StandardCharsets.US_ASCII);

  private static boolean startsWith(byte[] a, int from, int length, byte[] prefix) {
    return length >= prefix.length && java.util.Arrays.equals(a, from, from + prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) if (a[i] == b) return i;
    return -1;
  }

  private static String utf8(byte[] a, int from, int length) {
    return new String(a, from, length, StandardCharsets.UTF_8);
  }

  private static String mergePath(JsonPath o, int i) {
    return o.child("merges") + "[" + i + "]";
  }

  private static void writeBpe(JsonGenerator g, BpeModel bpe) throws IOException {
    g.writeStringField("type", "BPE");
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

  private static Model readWordPiece(JsonPath o) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "unk_token", "continuing_subword_prefix", "max_input_chars_per_word", "vocab"));
    // Hugging Face has defaults for these in its builder, but a tokenizer.json must give them all.
    JsonNode max = required(o, "max_input_chars_per_word");
    if (!max.isIntegralNumber() || max.bigIntegerValue().signum() < 0) {
      throw JsonPath.error(o.child("max_input_chars_per_word"), "expected a non-negative integer, found " + JsonPath.describe(max));
    }
    // No piece is longer than Java's strings, so larger limits all mean "no limit".
    int limit = max.canConvertToInt() ? max.intValue() : Integer.MAX_VALUE;
    return new WordPieceModel(tokenIds(o), requiredString(o, "unk_token"), requiredString(o, "continuing_subword_prefix"), limit);
  }

  private static void writeWordPiece(JsonGenerator g, WordPieceModel wordPiece) throws IOException {
    g.writeStringField("type", "WordPiece");
    g.writeStringField("unk_token", wordPiece.unkToken());
    g.writeStringField("continuing_subword_prefix", wordPiece.continuingSubwordPrefix());
    g.writeNumberField("max_input_chars_per_word", wordPiece.maxInputCharsPerWord());
    writeTokenIds(g, wordPiece.vocabulary());
  }

  private static Model readWordLevel(JsonPath o) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "vocab", "unk_token"));
    return new WordLevelModel(tokenIds(o), requiredString(o, "unk_token"));
  }

  private static void writeWordLevel(JsonGenerator g, WordLevelModel wordLevel) throws IOException {
    g.writeStringField("type", "WordLevel");
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
  private static Object2IntOpenHashMap<String> tokenIds(JsonPath o) throws TokenizerFormatException {
    return vocab(o).ids();
  }

  /** The {@code vocab} object, read from the file's bytes when it was, from its tree otherwise. */
  private static LargeFields.TokenIds vocab(JsonPath o) throws TokenizerFormatException {
    JsonNode node = required(o, "vocab");
    LargeFields.TokenIds vocab = node instanceof POJONode pojo && pojo.getPojo() instanceof LargeFields.TokenIds streamed
        ? streamed : LargeFields.tokenIds(JsonPath.object(node, o.child("vocab")).node());
    for (var bad : vocab.bad().entrySet()) {
      throw JsonPath.error(o.child("vocab") + "[" + JsonPath.quote(bad.getKey()) + "]", "expected a non-negative integer id, found " + JsonPath.describe(bad.getValue()));
    }
    return vocab;
  }

  /** The vocabulary in id order, as Hugging Face writes it. */
  private static void writeTokenIds(JsonGenerator g, Vocabulary vocab) throws IOException {
    g.writeObjectFieldStart("vocab");
    for (String token : vocab.tokensInIdOrder()) g.writeNumberField(token, vocab.id(token));
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- Unigram

  private static Model readUnigram(JsonPath o) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "unk_id", "vocab", "byte_fallback"));
    JsonNode list = required(o, "vocab");
    if (!list.isArray()) throw JsonPath.error(o.child("vocab"), "expected an array, found " + JsonPath.describe(list));
    List<UnigramModel.Piece> pieces = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String path = o.child("vocab") + "[" + i + "]";
      JsonNode entry = list.get(i);
      if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isTextual() || !entry.get(1).isNumber()) {
        throw JsonPath.error(path, "expected [piece, score], found " + JsonPath.describe(entry));
      }
      pieces.add(new UnigramModel.Piece(entry.get(0).asText(), serdeF64(path + "[1]", entry.get(1))));
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

  private static void writeUnigram(JsonGenerator g, UnigramModel unigram) throws IOException {
    g.writeStringField("type", "Unigram");
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
    try {
      return SerdeFloats.read(number.decimalValue());
    } catch (ArithmeticException e) {
      throw JsonPath.error(path, "number out of range");
    }
  }
}
