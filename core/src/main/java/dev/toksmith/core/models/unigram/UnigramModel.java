package dev.toksmith.core.models.unigram;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.models.CharTrie;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.text.ByteTokens;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Unigram language model, as Hugging Face's {@code Unigram} with its {@code encode_optimized}:
 * the piece is split into the vocabulary pieces whose scores sum highest (Viterbi over every piece
 * that matches at each character). A character no single-character piece covers may become the
 * unknown token at the unknown score, the lowest score minus 10; consecutive unknown tokens fuse into
 * one, which the byte fallback may spell as {@code <0xNN>} tokens. Deterministic: no sampling.
 *
 * <p>Pieces are found along a {@link CharTrie}, and the best path is kept in per-thread arrays, so
 * that encoding allocates nothing per token.
 */
public final class UnigramModel implements Model {
  /** The tokenizer.json type. */
  public static final String TYPE = "Unigram";

  /** Hugging Face's {@code K_UNK_PENALTY}. */
  private static final double UNKNOWN_PENALTY = 10.0;

  /** One vocabulary entry: a piece and its score (a log probability). */
  public record Piece(String token, double score) {}

  private final List<Piece> vocab;
  private final double[] scores;
  private final Object2IntOpenHashMap<String> ids;
  private final int unkId;
  private final boolean byteFallback;
  private final double unknownScore;
  private final CharTrie trie;
  /** Ids of the {@code <0xNN>} pieces, -1 where missing. */
  private final int[] byteIds = new int[256];
  private final ThreadLocal<Lattice> lattices = ThreadLocal.withInitial(Lattice::new);

  /**
   * Builds a model; ids are positions in {@code vocab}. A piece listed twice answers the later id,
   * as in Hugging Face.
   *
   * @param unkId id of the unknown piece, or -1 for none (a character no piece covers is then an error)
   * @throws IllegalArgumentException if {@code unkId} is not an id of the vocabulary
   */
  public UnigramModel(List<Piece> vocab, int unkId, boolean byteFallback) {
    if (unkId >= 0 && vocab.isEmpty()) throw new IllegalArgumentException("the vocabulary is empty but at least the unknown piece is needed");
    if (unkId >= vocab.size()) throw new IllegalArgumentException("unk_id " + unkId + " is not an id of the vocabulary (size " + vocab.size() + ")");
    this.vocab = List.copyOf(vocab);
    this.unkId = unkId;
    this.byteFallback = byteFallback;
    scores = new double[vocab.size()];
    ids = new Object2IntOpenHashMap<>(vocab.size());
    ids.defaultReturnValue(-1);
    trie = new CharTrie(vocab.size() * 3);
    double minScore = Double.POSITIVE_INFINITY;
    for (int id = 0; id < vocab.size(); id++) {
      Piece p = vocab.get(id);
      ids.put(p.token(), id);
      trie.add(p.token(), id);
      scores[id] = p.score();
      if (p.score() < minScore) minScore = p.score();
    }
    unknownScore = minScore - UNKNOWN_PENALTY;
    for (int b = 0; b < 256; b++) byteIds[b] = ids.getInt(ByteTokens.name(b));
  }

  /** The vocabulary in id order. */
  public List<Piece> vocabulary() {
    return vocab;
  }

  /** Id of the unknown piece, or -1. */
  public int unkId() {
    return unkId;
  }

  /** Whether an unknown run is spelled as {@code <0xNN>} pieces when they all exist. */
  public boolean byteFallback() {
    return byteFallback;
  }

  /** The best path of one piece, in arrays a thread reuses. */
  private static final class Lattice {
    /** Best path ending at each position: its score, where its last token starts (-1: none yet), and that token. */
    double[] best = new double[64];
    int[] lastStart = new int[64];
    int[] lastId = new int[64];
    /** The tokens' boundaries from the end: token k covers [bounds[k + 1], bounds[k]). */
    int[] bounds = new int[64];
    char[] text = new char[64];

    void ensure(int n) {
      if (best.length > n) return;
      int capacity = Math.max(n + 1, best.length * 2);
      best = new double[capacity];
      lastStart = new int[capacity];
      lastId = new int[capacity];
      bounds = new int[capacity];
    }
  }

  /**
   * Appends the ids of the piece {@code text[from, to)} to {@code out}: what {@link #tokenize}
   * reports, without offsets.
   */
  public void appendIds(char[] text, int from, int to, IntArrayList out) {
    if (from == to) return;
    Lattice l = lattices.get();
    int count = segment(text, from, to, l);
    for (int k = count - 1; k > 0; k--) appendToken(text, from + l.bounds[k], from + l.bounds[k - 1], l.lastId[l.bounds[k - 1]], out);
  }

  /**
   * The ids of one token of the best path, {@code text[start, end)}, whose last piece is {@code
   * lastId}: that piece, or for a run of unknown characters the piece its text may be after all, else
   * its bytes' pieces, else the unknown piece.
   */
  private void appendToken(char[] text, int start, int end, int lastId, IntArrayList out) {
    if (lastId != unkId || unkId < 0) {
      out.add(lastId);
      return;
    }
    int whole = trie.find(text, start, end);
    if (whole >= 0 && whole != unkId) {
      out.add(whole);
    } else if (whole < 0 && byteFallback && hasBytes(text, start, end)) {
      for (int i = start; i < end; ) {
        int cp = Character.codePointAt(text, i, end);
        for (int b = 0, n = Utf8.length(cp); b < n; b++) out.add(byteIds[Utf8.byteOf(cp, b)]);
        i += Character.charCount(cp);
      }
    } else {
      out.add(unkId);
    }
  }

  /**
   * Offsets are UTF-16 ranges of the piece. An unknown run is reported through {@link
   * TokenSink#unknownToken}; each of its byte-fallback tokens covers the whole run, as in Hugging Face.
   */
  @Override
  public void tokenize(String piece, TokenSink out) {
    int n = piece.length();
    if (n == 0) return;
    Lattice l = lattices.get();
    if (l.text.length < n) l.text = new char[Math.max(n, l.text.length * 2)];
    char[] text = l.text;
    piece.getChars(0, n, text, 0);
    int count = segment(text, 0, n, l);
    IntArrayList ids = new IntArrayList();
    for (int k = count - 1; k > 0; k--) {
      int start = l.bounds[k];
      int end = l.bounds[k - 1];
      ids.clear();
      appendToken(text, start, end, l.lastId[end], ids);
      if (ids.size() == 1 && ids.getInt(0) == unkId && unkId >= 0) out.unknownToken(unkId, start, end);
      else for (int i = 0; i < ids.size(); i++) out.token(ids.getInt(i), start, end);
    }
  }

  /**
   * Fills the lattice with the best path of {@code text[from, to)} and its token boundaries (positions
   * relative to {@code from}), runs of unknown tokens fused; returns the number of boundaries, the
   * piece's end and start included.
   */
  private int segment(char[] text, int from, int to, Lattice l) {
    int n = to - from;
    l.ensure(n);
    double[] best = l.best;
    int[] lastStart = l.lastStart;
    int[] lastId = l.lastId;
    Arrays.fill(lastStart, 0, n + 1, -1);
    best[0] = 0;
    for (int start = 0; start < n; ) {
      double here = best[start];
      int charLength = Character.isHighSurrogate(text[from + start]) && start + 1 < n && Character.isLowSurrogate(text[from + start + 1]) ? 2 : 1;
      boolean singleCharacterPiece = false;
      int node = CharTrie.ROOT;
      for (int i = start; i < n; i++) {
        long step = trie.step(node, text[from + i]);
        if (step == CharTrie.NONE) break;
        node = CharTrie.child(step);
        int id = CharTrie.id(step);
        if (id < 0) continue;
        int end = i + 1;
        double candidate = scores[id] + here;
        if (lastStart[end] < 0 || candidate > best[end]) {
          best[end] = candidate;
          lastStart[end] = start;
          lastId[end] = id;
        }
        if (end - start == charLength) singleCharacterPiece = true;
      }
      if (!singleCharacterPiece) {
        int end = start + charLength;
        double candidate = unknownScore + here;
        if (lastStart[end] < 0 || candidate > best[end]) {
          if (unkId < 0) throw new IllegalStateException("a character has no piece and the model has no unknown piece (unk_id)");
          best[end] = candidate;
          lastStart[end] = start;
          lastId[end] = unkId;
        }
      }
      start += charLength;
    }
    // Walk the best path back; two unknown tokens side by side fuse: the boundary between them goes.
    int[] bounds = l.bounds;
    int count = 0;
    bounds[count++] = n;
    boolean rightIsUnknown = false;
    for (int end = n; end > 0; end = lastStart[end]) {
      boolean unknown = unkId >= 0 && lastId[end] == unkId;
      if (end < n && !(unknown && rightIsUnknown)) bounds[count++] = end;
      rightIsUnknown = unknown;
    }
    bounds[count++] = 0;
    return count;
  }

  /**
   * Whether every UTF-8 byte of {@code text[from, to)} has its {@code <0xNN>} piece.
   *
   * @throws IllegalArgumentException for an unpaired surrogate, which has no UTF-8 bytes (Java's
   *     encoder would silently put '?' in its place)
   */
  private boolean hasBytes(char[] text, int from, int to) {
    for (int i = from; i < to; ) {
      int cp = Character.codePointAt(text, i, to);
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        throw new IllegalArgumentException(String.format("the text holds an unpaired surrogate U+%04X, which has no UTF-8 bytes for byte fallback", cp));
      }
      for (int b = 0, n = Utf8.length(cp); b < n; b++) if (byteIds[Utf8.byteOf(cp, b)] < 0) return false;
      i += Character.charCount(cp);
    }
    return true;
  }

  @Override
  public int vocabSize() {
    return vocab.size();
  }

  @Override
  public int tokenToId(String token) {
    return ids.getInt(token);
  }

  @Override
  public String idToToken(int id) {
    return id >= 0 && id < vocab.size() ? vocab.get(id).token() : null;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    if (unkId() >= 0) p.put("unk_id", unkId());
    p.put("byte_fallback", byteFallback());
    return new Stage(TYPE, p, List.of());
  }
}
