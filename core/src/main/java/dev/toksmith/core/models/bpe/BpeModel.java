package dev.toksmith.core.models.bpe;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.LazyList;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.VocabularyModel;
import dev.toksmith.core.text.ByteTokens;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Byte-pair encoding with ranked merges, as Hugging Face's {@code BPE} model: a piece starts as one
 * symbol per character (per byte for byte-level input) and the lowest-ranked adjacent pair is merged,
 * leftmost first, until no pair has a merge.
 */
public final class BpeModel implements VocabularyModel {
  /** The tokenizer.json type. */
  public static final String TYPE = "BPE";

  /** Hugging Face caches pieces shorter than this many bytes; longer ones are rare and costly to key. */
  private static final int CACHED_PIECE_LENGTH = 256;
  private static final int CACHE_CAPACITY = 10_000;

  private final Vocabulary vocab;
  private final Merges mergeList;
  private final MergeTable.OnDemand merges;
  private final int[] byteSymbols = new int[256];
  /** Ids of the {@code <0xNN>} tokens, -1 where missing. */
  private final int[] byteFallbackIds = new int[256];
  private final BpeOptions options;
  /** Id of the unknown token, -1 when it is not set or not in the vocabulary. */
  private final int unkId;
  /** Tokens of text pieces and of byte pieces as (id, length in UTF-8 bytes) pairs. */
  private final ConcurrentHashMap<String, int[]> textCache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, int[]> byteCache = new ConcurrentHashMap<>();
  /** For {@link #neverJoins}: pairs of code points adjacent in a token, as {@code left << 32 | right}. */
  private volatile LongOpenHashSet adjacentPairs;
  /** {@link #byteLevel()}, made on first use; {@link #NO_ENGINE} when there is none. */
  private volatile Object byteLevel;
  private static final Object NO_ENGINE = new Object();

  /** One merge rule, by token id: {@code left + right -> result}, in rank order. */
  public record Merge(int left, int right, int result) {}

  /**
   * Merge rules in rank order, held as ids in arrays rather than a record each (a large vocabulary
   * has hundreds of thousands), read as a list of {@link Merge}s.
   */
  public static final class Merges extends java.util.AbstractList<Merge> implements java.util.RandomAccess, MergeTable.Ranked {
    private int[] triples;
    private int size;

    public Merges(int capacity) {
      triples = new int[3 * Math.max(capacity, 1)];
    }

    /** The merges {@code (triples[3i], triples[3i + 1]) -> triples[3i + 2]}, the array taken as it is. */
    public static Merges ofTriples(int[] triples) {
      if (triples.length % 3 != 0) throw new IllegalArgumentException("not triples: " + triples.length + " ints");
      Merges merges = new Merges(0);
      merges.triples = triples.length == 0 ? new int[3] : triples;
      merges.size = triples.length / 3;
      return merges;
    }

    /** Puts every merge's (left, right, result) into {@code out}, in rank order. */
    public void putTriples(java.nio.IntBuffer out) {
      out.put(triples, 0, 3 * size);
    }

    public void add(int left, int right, int result) {
      if (3 * size == triples.length) triples = Arrays.copyOf(triples, triples.length * 2);
      triples[3 * size] = left;
      triples[3 * size + 1] = right;
      triples[3 * size + 2] = result;
      size++;
    }

    /** Appends the merges of {@code more}, in their order. */
    public void addAll(Merges more) {
      for (int rank = 0; rank < more.size; rank++) add(more.left(rank), more.right(rank), more.result(rank));
    }

    @Override
    public Merge get(int rank) {
      java.util.Objects.checkIndex(rank, size);
      return new Merge(triples[3 * rank], triples[3 * rank + 1], triples[3 * rank + 2]);
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int left(int rank) {
      return triples[3 * rank];
    }

    @Override
    public int right(int rank) {
      return triples[3 * rank + 1];
    }

    @Override
    public int result(int rank) {
      return triples[3 * rank + 2];
    }
  }

  /**
   * Builds a model. An unknown token missing from the vocabulary is an error only when a piece needs
   * it, as in Hugging Face.
   *
   * @param vocab token (vocabulary form) to id; ids need not be contiguous
   * @param merges merge rules in rank order
   * @throws IllegalArgumentException if an id is negative
   */
  public BpeModel(Object2IntOpenHashMap<String> vocab, List<Merge> merges, BpeOptions options) {
    this(new Vocabulary(vocab), merges, options);
  }

  /**
   * Builds a model on a vocabulary; see {@link #BpeModel(Object2IntOpenHashMap, List, BpeOptions)}. A
   * {@link Merges} list is kept as it is (the caller hands it over), any other list copied into one.
   */
  public BpeModel(Vocabulary vocab, List<Merge> merges, BpeOptions options) {
    this(vocab, merges instanceof Merges compact ? compact : copyOf(merges), options, null);
  }

  /**
   * The tables a model's byte-level engine runs with, as arrays (the id of each byte, the first merge
   * of each byte pair, every token's bytes, each id's byte length, the slots of the table that finds a
   * token by its bytes (null when the engine keeps none; {@link dev.toksmith.core.models.ByteTokenTable#slots()}), and whether
   * the merges are in rank order, so that the engine runs on the tokens' ranks,
   * docs/byte-level-fast-path.md): what {@link BpeModel#tables()}
   * gives, and a model is built from again without computing them ({@link BpeModel#prepare}, {@link
   * BpeModel#BpeModel(Vocabulary, Merges, BpeOptions, Prepared)}). A cached form of a large model keeps
   * them; the arrays are the model's own, not to be changed.
   */
  public record Tables(int[] byteIds, int[] bytePairs, byte[] tokenBytes, int[] tokenLengths, long[] tokenSlots, boolean rankOrdered) {}

  /**
   * A model's merge table and byte-level engine made ready to run, which needs no vocabulary: so it
   * can be done while the vocabulary is being built ({@link BpeModel#prepare}).
   */
  public static final class Prepared {
    private final MergeTable.OnDemand merges;
    private final ByteLevelBpe engine;
    private final boolean ignoreMerges;

    private Prepared(MergeTable.OnDemand merges, ByteLevelBpe engine, boolean ignoreMerges) {
      this.merges = merges;
      this.engine = engine;
      this.ignoreMerges = ignoreMerges;
    }
  }

  /**
   * The merge table of {@code mergeList} and the byte-level engine of {@code tables} (null for none),
   * made ready for a model whose options say {@code ignoreMerges}. The merge table is not built when
   * the engine runs on ranks, which encoding never needs it for.
   *
   * @throws IllegalArgumentException if the tables do not fit together
   */
  public static Prepared prepare(Tables tables, Merges mergeList, boolean ignoreMerges) {
    MergeTable.OnDemand merges = new MergeTable.OnDemand(mergeList);
    ByteLevelBpe engine = tables == null ? null : ByteLevelBpe.of(tables.byteIds(), tables.bytePairs(), tables.tokenBytes(), tables.tokenLengths(), tables.tokenSlots(), tables.rankOrdered(), merges, ignoreMerges);
    if (engine == null || !engine.rankOrdered()) merges.get();
    return new Prepared(merges, engine, ignoreMerges);
  }

  /**
   * Builds the model of {@code vocab}, {@code merges} and {@code options} whose {@link #tables()} were
   * {@code prepared} (null to compute them): the same model, without the work of making the tables.
   *
   * @throws IllegalArgumentException if the tables do not fit the merges, the vocabulary or the options
   */
  public BpeModel(Vocabulary vocab, Merges merges, BpeOptions options, Prepared prepared) {
    this.options = options;
    this.vocab = vocab;
    this.mergeList = merges;
    this.merges = prepared == null ? new MergeTable.OnDemand(mergeList) : prepared.merges;
    if (prepared != null) {
      if (prepared.merges.size() != merges.size() || prepared.ignoreMerges != options.ignoreMerges()) throw new IllegalArgumentException("tables of another model");
      if (prepared.engine != null && prepared.engine.lengths().length != vocab.idBound()) throw new IllegalArgumentException("tables of another model");
      if (prepared.engine != null) byteLevel = prepared.engine;
    }
    for (int b = 0; b < 256; b++) {
      byteSymbols[b] = vocab.id(String.valueOf(ByteLevelAlphabet.charOf(b)));
      byteFallbackIds[b] = vocab.id(ByteTokens.name(b));
    }
    unkId = options.unkToken() == null ? -1 : vocab.id(options.unkToken());
  }

  /**
   * The engine that runs this model on bytes directly ({@link ByteLevelBpe}), or null when the
   * vocabulary or the options need the per-character path; made on first use.
   */
  public ByteLevelBpe byteLevel() {
    Object engine = byteLevel;
    if (engine == null) {
      ByteLevelBpe made = ByteLevelBpe.of(vocab, merges, mergeList, options);
      engine = made != null ? made : NO_ENGINE;
      byteLevel = engine;
    }
    return engine instanceof ByteLevelBpe bytes ? bytes : null;
  }

  /** The tables this model's byte-level engine runs with (see {@link Tables}), or null when that engine has not been made ({@link #byteLevel()}). */
  public Tables tables() {
    return byteLevel instanceof ByteLevelBpe engine ? new Tables(engine.byteIds(), engine.bytePairs(), engine.tokenBytes(), engine.lengths(), engine.tokenSlots(), engine.rankOrdered()) : null;
  }

  private static Merges copyOf(List<Merge> merges) {
    Merges copy = new Merges(merges.size());
    for (Merge m : merges) copy.add(m.left(), m.right(), m.result());
    return copy;
  }

  /**
   * Merges only make tokens of the vocabulary, so two characters that stand side by side in no token
   * are never merged, and the merges on either side of them never meet. Each character must be a token
   * itself or fall back to bytes, so that unknown characters are not fused across them; a subword
   * prefix or suffix marks a piece's own start and end, and {@code ignore_merges} takes a piece that
   * is a token whole, so such models are never cut inside a piece.
   */
  @Override
  public boolean neverJoins(int left, int right) {
    if (options.continuingSubwordPrefix() != null || options.endOfWordSuffix() != null || options.ignoreMerges()) return false;
    if (!options.byteFallback() && (vocab.id(new String(Character.toChars(left))) < 0 || vocab.id(new String(Character.toChars(right))) < 0)) return false;
    return !adjacentPairs().contains(((long) left << 32) | right);
  }

  /** Every two code points that stand side by side in some token, built on first use. */
  private LongOpenHashSet adjacentPairs() {
    LongOpenHashSet pairs = adjacentPairs;
    if (pairs == null) {
      LongOpenHashSet made = new LongOpenHashSet();
      vocab.forEach((token, id) -> {
        int previous = -1;
        for (int i = 0; i < token.length(); ) {
          int cp = token.codePointAt(i);
          if (previous >= 0) made.add(((long) previous << 32) | cp);
          previous = cp;
          i += Character.charCount(cp);
        }
      });
      adjacentPairs = pairs = made;
    }
    return pairs;
  }

  /** The options this model was built with. */
  public BpeOptions options() {
    return options;
  }

  /** The merge rules in rank order. */
  public List<Merge> merges() {
    return mergeList;
  }

  /** Id of the unknown token, or -1 when it is not set or not in the vocabulary. */
  public int unkId() {
    return unkId;
  }

  /** Id of the byte-fallback token {@code <0xNN>} of byte {@code b}, or -1. */
  public int byteFallbackId(int b) {
    return byteFallbackIds[b];
  }

  /**
   * Applies the merges to the symbols {@code ids[0, n)} in place and returns how many are left: lowest
   * rank first, leftmost of equals.
   */
  public int merge(int[] ids, int n) {
    return merges.get().mergeAll(ids, null, null, n);
  }

  @Override
  public Vocabulary vocabulary() {
    return vocab;
  }

  /**
   * Text input. Offsets follow Hugging Face, which counts in UTF-8 bytes: a token covering only some
   * bytes of a character (a byte-fallback token) covers the whole character.
   */
  @Override
  public void tokenize(String piece, TokenSink out) {
    if (piece.isEmpty()) return;
    if (options.ignoreMerges()) {
      int whole = vocab.id(piece);
      if (whole >= 0) {
        out.token(whole, 0, piece.length());
        return;
      }
    }
    emitText(piece, cached(textCache, piece, () -> symbolsOfText(piece)), out);
  }

  /**
   * Byte-level input: each byte starts as the token of its byte-level character. Equivalent to
   * spelling the bytes as characters and calling {@link #tokenize(String, TokenSink)}, without
   * building that string.
   */
  @Override
  public void tokenizeBytes(byte[] bytes, int from, int to, TokenSink out) {
    if (from == to) return;
    ByteLevelBpe engine = byteLevel();
    if (engine != null) {
      engine.encode(bytes, from, to, out);
      return;
    }
    if (options.needsTextPath()) {
      VocabularyModel.super.tokenizeBytes(bytes, from, to, out);
      return;
    }
    String key = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    int[] packed = cached(byteCache, key, () -> symbolsOfBytes(bytes, from, to));
    int at = from;
    for (int i = 0; i < packed.length; i += 2) {
      out.token(packed[i], at, at + packed[i + 1]);
      at += packed[i + 1];
    }
  }

  /** Tokens of a piece as pairs (id, length in bytes), cached for short pieces. */
  private int[] cached(ConcurrentHashMap<String, int[]> cache, String key, Supplier<Symbols> symbols) {
    boolean cacheable = key.length() < CACHED_PIECE_LENGTH;
    if (cacheable) {
      int[] hit = cache.get(key);
      if (hit != null) return hit;
    }
    Symbols s = symbols.get();
    int n = merges.get().mergeAll(s.ids, s.lengths, null, s.count);
    int[] packed = new int[n * 2];
    for (int i = 0; i < n; i++) {
      packed[2 * i] = s.ids[i];
      packed[2 * i + 1] = s.lengths[i];
    }
    if (cacheable && cache.size() < CACHE_CAPACITY) cache.put(key, packed);
    return packed;
  }

  /**
   * Emits tokens given as (id, UTF-8 length) pairs, laid end to end from the start of the piece as
   * Hugging Face lays them, each with the UTF-16 range of the characters its first and last byte fall
   * in. Bytes past the end of the piece (byte fallback also spells a prefix or suffix) are clamped to
   * it.
   */
  private static void emitText(String piece, int[] packed, TokenSink out) {
    int charStart = 0; // UTF-16 start of the character holding byte charByte
    int charByte = 0; // UTF-8 offset of that character
    int byteAt = 0;
    for (int i = 0; i < packed.length; i += 2) {
      int first = byteAt;
      int last = byteAt + packed[i + 1] - 1;
      byteAt += packed[i + 1];
      while (charStart < piece.length() && charByte + utf8Length(piece.codePointAt(charStart)) <= first) {
        charByte += utf8Length(piece.codePointAt(charStart));
        charStart += Character.charCount(piece.codePointAt(charStart));
      }
      int start = charStart;
      int endChar = charStart;
      int endByte = charByte;
      while (endChar < piece.length() && endByte <= last) {
        endByte += utf8Length(piece.codePointAt(endChar));
        endChar += Character.charCount(piece.codePointAt(endChar));
      }
      out.token(packed[i], start, endChar);
    }
  }

  private static int utf8Length(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /** Initial symbols and their lengths in bytes, before any merge. */
  private static final class Symbols {
    int[] ids;
    int[] lengths;
    int count;

    Symbols(int capacity) {
      ids = new int[capacity];
      lengths = new int[capacity];
    }

    void add(int id, int length) {
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, count * 2 + 4);
        lengths = Arrays.copyOf(lengths, ids.length);
      }
      ids[count] = id;
      lengths[count++] = length;
    }
  }

  private Symbols symbolsOfBytes(byte[] bytes, int from, int to) {
    Symbols s = new Symbols(to - from);
    int pendingUnk = 0;
    for (int i = from; i < to; i++) {
      int id = byteSymbols[bytes[i] & 0xFF];
      if (id >= 0) {
        if (pendingUnk > 0) {
          s.add(unkId, pendingUnk);
          pendingUnk = 0;
        }
        s.add(id, 1);
      } else if (options.unkToken() != null) {
        pendingUnk = addUnknown(s, pendingUnk, 1);
      }
      // Otherwise the byte is dropped: Hugging Face drops symbols missing from a vocabulary
      // without unk_token.
    }
    if (pendingUnk > 0) s.add(unkId, pendingUnk);
    return s;
  }

  /**
   * Hugging Face's {@code merge_word}: one symbol per character with the prefix on all but the first
   * and the suffix on the last; a missing symbol becomes its {@code <0xNN>} byte tokens (one byte
   * each) or the unknown token (the character's bytes).
   */
  private Symbols symbolsOfText(String w) {
    Symbols s = new Symbols(w.length());
    int pendingUnk = 0;
    for (int i = 0; i < w.length(); ) {
      int cp = w.codePointAt(i);
      int end = i + Character.charCount(cp);
      String symbol = w.substring(i, end);
      if (i > 0 && options.continuingSubwordPrefix() != null) symbol = options.continuingSubwordPrefix() + symbol;
      if (end == w.length() && options.endOfWordSuffix() != null) symbol = symbol + options.endOfWordSuffix();
      int id = vocab.id(symbol);
      if (id >= 0) {
        if (pendingUnk > 0) {
          s.add(unkId, pendingUnk);
          pendingUnk = 0;
        }
        s.add(id, utf8Length(cp));
      } else if (options.byteFallback() && addByteFallback(s, symbol)) {
        // A pending unknown token stays pending, so it lands after these bytes, as in Hugging Face.
      } else if (options.unkToken() != null) {
        pendingUnk = addUnknown(s, pendingUnk, utf8Length(cp));
      }
      i = end;
    }
    if (pendingUnk > 0) s.add(unkId, pendingUnk);
    return s;
  }

  /**
   * An unknown symbol of {@code length} bytes: fused into the pending unknown token, or the pending
   * one is added and this one waits. Returns the new pending length.
   */
  private int addUnknown(Symbols s, int pendingUnk, int length) {
    if (pendingUnk > 0 && options.fuseUnk()) return pendingUnk + length;
    if (pendingUnk > 0) s.add(unkId, pendingUnk);
    // A new unknown token: Hugging Face fails here when the vocabulary lacks it.
    vocab.unknownTokenId(options.unkToken());
    return length;
  }

  /**
   * Adds the {@code <0xNN>} tokens of the UTF-8 bytes of {@code symbol} if all exist.
   *
   * @throws IllegalArgumentException for an unpaired surrogate, which has no UTF-8 bytes (Java's
   *     encoder would silently put '?' in its place)
   */
  private boolean addByteFallback(Symbols s, String symbol) {
    symbol.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE).findFirst().ifPresent(cp -> {
      throw new IllegalArgumentException(String.format("the text holds an unpaired surrogate U+%04X, which has no UTF-8 bytes for byte fallback", cp));
    });
    byte[] utf8 = symbol.getBytes(StandardCharsets.UTF_8);
    for (byte b : utf8) if (byteFallbackIds[b & 0xFF] < 0) return false;
    for (byte b : utf8) s.add(byteFallbackIds[b & 0xFF], 1);
    return true;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    BpeOptions o = options();
    if (o.unkToken() != null) p.put("unk_token", o.unkToken());
    if (o.continuingSubwordPrefix() != null) p.put("continuing_subword_prefix", o.continuingSubwordPrefix());
    if (o.endOfWordSuffix() != null) p.put("end_of_word_suffix", o.endOfWordSuffix());
    p.put("fuse_unk", o.fuseUnk());
    p.put("byte_fallback", o.byteFallback());
    p.put("ignore_merges", o.ignoreMerges());
    p.put("vocab", LazyList.of(idBound(), this::idToToken));
    List<Merge> merges = merges();
    p.put("merges", LazyList.of(merges.size(), i -> idToToken(merges.get(i).left()) + " " + idToToken(merges.get(i).right())));
    return new Stage(TYPE, p, List.of());
  }
}
