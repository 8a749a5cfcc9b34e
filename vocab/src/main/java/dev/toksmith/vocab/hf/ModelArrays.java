package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toksmith.core.concurrent.Alongside;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The large arrays of a tokenizer.json model ({@code vocab} and {@code merges}) read straight from the
 * parser rather than as a JSON tree: a big model's tree holds millions of nodes, and building it took
 * most of a load. Nothing is checked here beyond the JSON shape: what a tree read would have refused
 * is kept as a description of the offending value and reported by {@link ModelJson} in the same words
 * and order as before.
 */
final class ModelArrays {
  /** {@code vocab} as an object (BPE, WordPiece, WordLevel): tokens and ids in file order. */
  boolean hasTokenIds;
  String[] tokens = new String[0];
  /** The id of each token, or {@code -1 - k} for a value that is not a non-negative int, {@code badIds.get(k)}. */
  int[] ids = new int[0];
  int tokenCount;
  final List<JsonNode> badIds = new ArrayList<>();
  /**
   * Whether the tokens may hold a key given twice, which the reader did not check ({@link ModelBytes}):
   * then {@link #vocabulary} gives up with {@link KeyGivenTwice} on finding one.
   */
  boolean keysUnchecked;
  /** The vocabulary of a large {@code vocab} object, built on another thread while the merges are read; null otherwise. */
  private Alongside.Started<Vocabulary, RuntimeException> vocabulary;

  /** Vocabularies at least this large are built alongside the reading of what follows them. */
  private static final int VOCABULARY_ALONGSIDE = 50_000;

  /** {@code vocab} as an array (Unigram): pieces and scores; an entry not of that shape stops the reading. */
  boolean hasPieces;
  String[] pieces = new String[0];
  BigDecimal[] scores = new BigDecimal[0];
  int pieceCount;
  /** The first entry not of that shape, and every entry after it, as trees. */
  JsonNode badPiece;
  final List<JsonNode> piecesAfterBad = new ArrayList<>();

  /**
   * {@code merges}: each merge is {@code mergeChars[starts[i], ends[i])}, split at {@code mids[i]} for
   * a pair and {@code -1} for a "left right" string. Elements of neither shape make {@link #mergesMixed}.
   */
  boolean hasMerges;
  char[] mergeChars = new char[1 << 12];
  int charCount;
  int[] starts = new int[0];
  int[] mids = new int[0];
  int[] ends = new int[0];
  int mergeCount;
  boolean mergesArePairs = true;
  boolean mergesAreStrings = true;
  /** The merges already resolved to ids (from a {@link CachedModel} entry), or null: then they are resolved from the characters. */
  BpeModel.Merges resolvedMerges;
  /** The byte-level engine's tables of the model of {@link #resolvedMerges} (from the same entry), or null. */
  BpeModel.Tables tables;

  /** The most characters the merges may hold together, about what a char array holds. */
  private static final int MAX_CHARS = Integer.MAX_VALUE - 8;

  /** Reads the object {@code vocab} starts, the parser at its {@code START_OBJECT}. */
  void readTokenIds(JsonParser p) throws IOException {
    hasTokenIds = true;
    forgetVocabulary();
    tokens = new String[0];
    ids = new int[0];
    tokenCount = 0;
    badIds.clear();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      int id;
      if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0) {
        id = p.getIntValue();
      } else {
        badIds.add(JsonTrees.read(p));
        id = -badIds.size();
      }
      addTokenId(key, id);
    }
    startVocabulary();
  }

  /** Starts building the vocabulary of a large {@code vocab} object on another thread; see {@link #vocabulary}. */
  void startVocabulary() {
    if (vocabulary == null && badIds.isEmpty() && tokenCount >= VOCABULARY_ALONGSIDE) {
      String[] t = tokens;
      int[] i = ids;
      int n = tokenCount;
      vocabulary = Alongside.start(() -> new Vocabulary(t, i, n));
    }
  }

  /**
   * Takes the tokens and ids {@code other} read as this one's, with the vocabulary {@code other}
   * started building from them (or starts it).
   */
  void adoptTokenIds(ModelArrays other) {
    forgetVocabulary();
    hasTokenIds = other.hasTokenIds;
    keysUnchecked = other.keysUnchecked;
    tokens = other.tokens;
    ids = other.ids;
    tokenCount = other.tokenCount;
    vocabulary = other.vocabulary;
    other.vocabulary = null;
    startVocabulary();
  }

  /** Takes a vocabulary of {@code count} tokens being built elsewhere (from a {@link CachedModel} entry) as the one read. */
  void takeVocabulary(Alongside.Started<Vocabulary, RuntimeException> building, int count) {
    forgetVocabulary();
    hasTokenIds = true;
    keysUnchecked = false;
    tokens = null;
    ids = null;
    tokenCount = count;
    vocabulary = building;
  }

  /** Takes merges already resolved to ids, and the tables of their model, as the ones read. */
  void takeResolvedMerges(BpeModel.Merges merges, BpeModel.Tables modelTables) {
    hasMerges = true;
    resolvedMerges = merges;
    tables = modelTables;
    mergeCount = merges.size();
  }

  /** A key given twice in a vocabulary whose reader did not check: it is read again by one that does. */
  static final class KeyGivenTwice extends RuntimeException {
    KeyGivenTwice() {
      super("a key given twice in model.vocab", null, false, false);
    }
  }

  /** Drops the vocabulary started from a {@code vocab} object that is no longer the one read. */
  void forgetVocabulary() {
    if (vocabulary != null) vocabulary.cancel();
    vocabulary = null;
  }

  /**
   * The vocabulary of the tokens and ids held ({@link #tokens}, {@link #ids}, {@link #tokenCount}):
   * the one built alongside when there is one, else built now.
   *
   * @throws IllegalArgumentException if the vocabulary refuses them (see {@link Vocabulary})
   * @throws KeyGivenTwice if a key is given twice and {@link #keysUnchecked}
   */
  Vocabulary vocabulary() {
    Vocabulary v = vocabulary != null ? vocabulary.join() : new Vocabulary(tokens, ids, tokenCount);
    if (keysUnchecked && v.size() != tokenCount) throw new KeyGivenTwice();
    return v;
  }

  void addTokenId(String token, int id) {
    if (tokenCount == tokens.length) {
      tokens = Arrays.copyOf(tokens, tokenCount * 2 + 1024);
      ids = Arrays.copyOf(ids, tokens.length);
    }
    tokens[tokenCount] = token;
    ids[tokenCount++] = id;
  }

  /** Reads the array of {@code [piece, score]} that {@code vocab} starts, the parser at its {@code START_ARRAY}. */
  void readPieces(JsonParser p) throws IOException {
    hasPieces = true;
    pieceCount = 0;
    badPiece = null;
    piecesAfterBad.clear();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (badPiece != null) {
        piecesAfterBad.add(JsonTrees.read(p));
        continue;
      }
      ArrayNode seen = JsonTrees.NODES.arrayNode();
      if (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_STRING) {
        String piece = p.getText();
        seen.add(piece);
        JsonToken score = p.nextToken();
        if (score == JsonToken.VALUE_NUMBER_INT || score == JsonToken.VALUE_NUMBER_FLOAT) {
          BigDecimal value = new BigDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          if (p.nextToken() == JsonToken.END_ARRAY) {
            if (pieceCount == pieces.length) {
              pieces = Arrays.copyOf(pieces, pieceCount * 2 + 1024);
              scores = Arrays.copyOf(scores, pieces.length);
            }
            pieces[pieceCount] = piece;
            scores[pieceCount++] = value;
            continue;
          }
          seen.add(value);
        }
      }
      badPiece = rest(p, t, seen);
    }
  }

  /**
   * The vocabulary as a tree, for a message about a file whose model wants the other kind: the
   * reading left an empty one in its place.
   */
  JsonNode vocabTree() {
    if (hasTokenIds) {
      ObjectNode tree = JsonTrees.NODES.objectNode();
      for (int i = 0; i < tokenCount; i++) tree.set(tokens[i], ids[i] >= 0 ? IntNode.valueOf(ids[i]) : badIds.get(-ids[i] - 1));
      return tree;
    }
    ArrayNode tree = JsonTrees.NODES.arrayNode();
    for (int i = 0; i < pieceCount; i++) tree.add(JsonTrees.NODES.arrayNode().add(pieces[i]).add(scores[i]));
    if (badPiece != null) tree.add(badPiece).addAll(piecesAfterBad);
    return tree;
  }

  /**
   * The element that started with {@code first} as a tree: the values of an array already consumed are
   * in {@code seen}, and the parser is at the first token not consumed.
   */
  private JsonNode rest(JsonParser p, JsonToken first, ArrayNode seen) throws IOException {
    if (first != JsonToken.START_ARRAY) return JsonTrees.read(p);
    for (JsonToken t = p.currentToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) seen.add((JsonNode) JsonTrees.read(p));
    return seen;
  }

  /** Reads the array {@code merges} starts, the parser at its {@code START_ARRAY}. */
  void readMerges(JsonParser p) throws IOException {
    hasMerges = true;
    resolvedMerges = null;
    tables = null;
    mergeCount = 0;
    charCount = 0;
    mergesArePairs = true;
    mergesAreStrings = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      int start = charCount;
      int mid = -1;
      boolean pair = false;
      if (t == JsonToken.VALUE_STRING) {
        appendText(p);
      } else if (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_STRING) {
        appendText(p);
        mid = charCount;
        if (p.nextToken() == JsonToken.VALUE_STRING) {
          appendText(p);
          pair = p.nextToken() == JsonToken.END_ARRAY;
        }
      }
      if (!pair && t == JsonToken.START_ARRAY) {
        // Not a pair: skip what is left of this element.
        for (JsonToken u = p.currentToken(); u != JsonToken.END_ARRAY; u = p.nextToken()) p.skipChildren();
      } else if (t != JsonToken.VALUE_STRING && t != JsonToken.START_ARRAY) {
        p.skipChildren();
      }
      mergesArePairs &= pair;
      mergesAreStrings &= t == JsonToken.VALUE_STRING;
      addMerge(start, mid);
    }
  }

  /** Takes the merges {@code other} read (from the bytes, see {@link ModelBytes}) as this one's. */
  void adoptMerges(ModelArrays other) {
    hasMerges = other.hasMerges;
    mergeChars = other.mergeChars;
    charCount = other.charCount;
    starts = other.starts;
    mids = other.mids;
    ends = other.ends;
    mergeCount = other.mergeCount;
    mergesArePairs = other.mergesArePairs;
    mergesAreStrings = other.mergesAreStrings;
    resolvedMerges = other.resolvedMerges;
    tables = other.tables;
  }

  /** Appends a merge of the characters from {@code start} to the end of those held, split at {@code mid} (-1 for a "left right" string). */
  void addMerge(int start, int mid) {
    if (mergeCount == starts.length) {
      starts = Arrays.copyOf(starts, mergeCount * 2 + 1024);
      mids = Arrays.copyOf(mids, starts.length);
      ends = Arrays.copyOf(ends, starts.length);
    }
    starts[mergeCount] = start;
    mids[mergeCount] = mid;
    ends[mergeCount++] = charCount;
  }

  private void appendText(JsonParser p) throws IOException {
    appendChars(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  /** Appends {@code text[offset, offset + length)} to the merges' characters. */
  void appendChars(char[] text, int offset, int length) throws TokenizerFormatException {
    if (length > mergeChars.length - charCount) {
      // In long arithmetic: merges of more characters than an array holds are refused, not overflowed.
      long needed = (long) charCount + length;
      if (needed > MAX_CHARS) throw new TokenizerFormatException("model.merges: more than " + MAX_CHARS + " characters in all");
      mergeChars = Arrays.copyOf(mergeChars, (int) Math.max(needed, Math.min(2L * mergeChars.length, MAX_CHARS)));
    }
    System.arraycopy(text, offset, mergeChars, charCount, length);
    charCount += length;
  }
}
