package dev.toksmith.core.models;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * tiktoken's byte-pair encoding over mergeable ranks: each token is a byte string and its rank is its
 * id. A piece that is itself a token is that token; otherwise it starts as single bytes and the
 * adjacent pair whose concatenated bytes have the lowest rank is merged, the leftmost of equals
 * first, until no adjacent pair concatenates to a token. Immutable and thread-safe.
 *
 * <p>Ranks are looked up by hashing byte ranges straight from the caller's buffer ({@link
 * ByteTokenTable}); the tokens of pieces that are no token themselves are kept in a {@link PieceCache}.
 */
public final class TiktokenModel {
  /** Pieces of up to this many bytes merge by scanning, as tiktoken does; longer ones use a heap. */
  public static final int SCAN_LIMIT = 64;
  private static final int CACHE_SLOTS = 1 << 15;
  private static final int NONE = Integer.MAX_VALUE;

  private final ByteTokenTable tokens;
  private final PieceCache cache = new PieceCache(CACHE_SLOTS);
  /** Ranks of two parts joined, for ranks small enough; null for a larger vocabulary. */
  private final PairMemo memo;
  /** Vocabulary forms by rank, built on first use. */
  private volatile String[] spellings;
  /** Whether a piece that is a token is that token before any merging (tiktoken; Hugging Face's {@code ignore_merges}). */
  private final boolean wholeFirst;
  /**
   * Whether candidates of equal rank go by their parts' ranks (left, then right) before their
   * position: Hugging Face's merge order when the merges are every split of every token, sorted so
   * ({@link #inMergeOrder}).
   */
  private final boolean partTies;
  /**
   * Where a heap entry of {@link #mergeByHeap} keeps the rank of the left part (the bits above its
   * position) and of the pair (the bits above that): {@code pair << pairShift | left << positionBits |
   * position}, the left part only with {@link #partTies}.
   */
  private final int positionBits;
  private final int pairShift;

  /**
   * Builds a model from the bytes of each rank.
   *
   * @param tokensByRank the token of each rank, null for a rank that has none
   * @throws IllegalArgumentException if two ranks share bytes, a token is empty, or a single byte
   *     has no token (tiktoken could then not encode every input)
   */
  public TiktokenModel(byte[][] tokensByRank) {
    this(ByteTokenTable.of(tokensByRank, "rank"));
  }

  /**
   * Builds a model from every token's bytes laid end to end in rank order and the length of each
   * rank's token (-1 for a rank that has none).
   *
   * @throws IllegalArgumentException as {@link #TiktokenModel(byte[][])}, or if the lengths do not
   *     add up to the bytes given
   */
  public TiktokenModel(byte[] tokenBytes, int[] lengthsByRank) {
    this(new ByteTokenTable(tokenBytes, lengthsByRank, "rank"));
  }

  private TiktokenModel(ByteTokenTable tokens) {
    this(tokens, true, false);
  }

  private TiktokenModel(ByteTokenTable tokens, boolean wholeFirst, boolean partTies) {
    this.tokens = tokens;
    this.wholeFirst = wholeFirst;
    this.partTies = partTies;
    this.memo = tokens.idBound() <= PairMemo.MAX ? new PairMemo() : null;
    // With part ties a pair's rank and its left part's rank decide its right part (the token's bytes
    // less the left part's), so the two ranks and the position make the whole order in one long.
    int rankBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, tokens.idBound() - 1));
    this.positionBits = partTies ? Math.max(0, 63 - 2 * rankBits) : 32;
    this.pairShift = partTies ? positionBits + rankBits : 32;
    for (int b = 0; b < 256; b++) {
      if (tokens.byteId(b) < 0) throw new IllegalArgumentException(String.format("no token for the single byte 0x%02X", b));
    }
  }

  /**
   * The model that gives a byte-level BPE model's ids from the ranks of its tokens, for a model whose
   * merges are every split of every token into two tokens, in the order of the token made, then the
   * left part, then the right part (docs/byte-level-fast-path.md proves the two give the same ids): the
   * pair whose joined bytes have the lowest id merges first, then the one of lowest left id, then right
   * id, then the leftmost. {@code wholeFirst}: Hugging Face's {@code ignore_merges}.
   *
   * @throws IllegalArgumentException if a single byte has no token
   */
  public static TiktokenModel inMergeOrder(ByteTokenTable tokens, boolean wholeFirst) {
    return new TiktokenModel(tokens, wholeFirst, true);
  }

  /**
   * The longest piece {@link #encode} merges in O(n log n), in bytes: any in tiktoken's order; for a
   * model {@link #inMergeOrder}, one whose positions fit beside two ranks in a heap entry
   * (2<sup>27</sup> bytes for 200,000 ranks). Longer ones are merged by scanning, in O(n<sup>2</sup>).
   */
  public int longestPiece() {
    return positionBits >= 31 ? Integer.MAX_VALUE : Math.max(SCAN_LIMIT, 1 << positionBits);
  }

  /** Number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** Largest rank plus one. */
  public int rankBound() {
    return tokens.idBound();
  }

  /** Length in bytes of a rank's token, or -1 when the rank has none. */
  public int tokenLength(int rank) {
    return tokens.length(rank);
  }

  /** The rank of {@code bytes[from, to)}, or -1 when those bytes are no token. */
  public int rank(byte[] bytes, int from, int to) {
    return tokens.id(bytes, from, to);
  }

  /** The bytes of a rank (a copy), or null when the rank has no token. */
  public byte[] bytes(int rank) {
    return tokens.bytes(rank);
  }

  /** Writes the bytes of a rank to {@code out}; false (writing nothing) when the rank has no token. */
  public boolean writeBytes(int rank, java.io.OutputStream out) throws java.io.IOException {
    return tokens.write(rank, out);
  }

  /**
   * The vocabulary form of a rank, its bytes spelled as Hugging Face's byte-level characters (a space
   * is {@code Ġ}), or null when the rank has no token.
   */
  public String spelling(int rank) {
    if (tokens.length(rank) < 0) return null;
    String[] all = spellings;
    if (all == null) {
      all = new String[tokens.idBound()];
      for (int r = 0; r < all.length; r++) if (tokens.length(r) >= 0) all[r] = ByteLevelAlphabet.spell(tokens.bytes(r));
      spellings = all;
    }
    return all[rank];
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes the piece {@code bytes[from, to)}: reports each token's rank and its byte range, in
   * order.
   */
  public void encode(byte[] bytes, int from, int to, TokenSink out) {
    int[] at = {from};
    encode(bytes, from, to, (IntConsumer) rank -> {
      int length = tokens.length(rank);
      out.token(rank, at[0], at[0] + length);
      at[0] += length;
    });
  }

  /** Appends the ranks of the piece {@code bytes[from, to)} to {@code out}. */
  public void encode(byte[] bytes, int from, int to, IntArrayList out) {
    encode(bytes, from, to, (IntConsumer) out::add);
  }

  /** Hands the ranks of the piece {@code bytes[from, to)} to {@code out}, in order; returns their number. */
  public int encode(byte[] bytes, int from, int to, IntConsumer out) {
    int length = to - from;
    if (length <= 2) {
      if (length == 2) {
        int pair = tokens.pairId(((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF));
        if (pair >= 0) {
          out.accept(pair);
          return 1;
        }
        out.accept(tokens.byteId(bytes[from] & 0xFF));
        out.accept(tokens.byteId(bytes[from + 1] & 0xFF));
        return 2;
      }
      if (length == 1) out.accept(tokens.byteId(bytes[from] & 0xFF));
      return length;
    }
    long first = ByteTokenTable.firstWord(bytes, from, length);
    long hash = ByteTokenTable.hash(bytes, from, length, first);
    int whole = wholeFirst ? tokens.id(bytes, from, length, first, hash) : -1;
    if (whole >= 0) {
      out.accept(whole);
      return 1;
    }
    int[] ranks = merged(bytes, from, length, hash);
    for (int rank : ranks) out.accept(rank);
    return ranks.length;
  }

  /** Number of tokens of the piece {@code bytes[from, to)}, as {@link #encode} would report them. */
  public int count(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length <= 2) {
      if (length == 2) return tokens.pairId(((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF)) >= 0 ? 1 : 2;
      return length;
    }
    long first = ByteTokenTable.firstWord(bytes, from, length);
    long hash = ByteTokenTable.hash(bytes, from, length, first);
    if (wholeFirst && tokens.id(bytes, from, length, first, hash) >= 0) return 1;
    return merged(bytes, from, length, hash).length;
  }

  /** The ranks of a piece of at least three bytes that is no token itself, from the cache when there. */
  private int[] merged(byte[] bytes, int from, int length, long hash) {
    if (length > PieceCache.MAX_PIECE_LENGTH) return merge(bytes, from, length);
    int[] cached = cache.get(bytes, from, length, hash);
    if (cached != null) return cached;
    int[] ranks = merge(bytes, from, length);
    cache.put(bytes, from, length, hash, ranks);
    return ranks;
  }

  /** The ranks of the tokens of a piece that is no token itself. */
  private int[] merge(byte[] bytes, int from, int length) {
    return length <= SCAN_LIMIT || length > longestPiece() ? mergeByScan(bytes, from, length) : mergeByHeap(bytes, from, length);
  }

  /**
   * tiktoken's own loop: parts as start positions, each with its rank and the rank of it joined with
   * its right neighbour. Returns the parts' ranks.
   */
  private int[] mergeByScan(byte[] bytes, int from, int n) {
    int[] starts = new int[n + 1];
    int[] ranks = new int[n];
    int[] pairs = new int[n];
    for (int i = 0; i <= n; i++) starts[i] = from + i;
    for (int i = 0; i < n; i++) ranks[i] = tokens.byteId(bytes[from + i] & 0xFF);
    for (int i = 0; i + 1 < n; i++) {
      int rank = tokens.pairId(((bytes[from + i] & 0xFF) << 8) | (bytes[from + i + 1] & 0xFF));
      pairs[i] = rank < 0 ? NONE : rank;
    }
    int count = n;
    while (true) {
      int best = NONE;
      int at = -1;
      for (int i = 0; i < count - 1; i++) {
        if (pairs[i] < best || pairs[i] == best && partTies && best != NONE && (ranks[i] < ranks[at] || ranks[i] == ranks[at] && ranks[i + 1] < ranks[at + 1])) {
          best = pairs[i];
          at = i;
        }
      }
      if (at < 0) break;
      ranks[at] = best;
      System.arraycopy(starts, at + 2, starts, at + 1, count - at - 1);
      System.arraycopy(ranks, at + 2, ranks, at + 1, count - at - 2);
      System.arraycopy(pairs, at + 2, pairs, at + 1, count - at - 2);
      count--;
      pairs[at] = at + 1 < count ? joined(bytes, starts[at], starts[at + 2], ranks[at], ranks[at + 1]) : NONE;
      if (at > 0) pairs[at - 1] = joined(bytes, starts[at - 1], starts[at + 1], ranks[at - 1], ranks[at]);
    }
    return Arrays.copyOf(ranks, count);
  }

  /**
   * The rank of two adjacent parts joined, {@code bytes[start, end)}, whose ranks are {@code left} and
   * {@code right}, or {@link #NONE}: from the memo when it has the pair.
   */
  private int joined(byte[] bytes, int start, int end, int left, int right) {
    int rank = memo == null ? PairMemo.MISS : memo.get(left, right);
    if (rank == PairMemo.MISS) {
      rank = tokens.id(bytes, start, end);
      if (memo != null) memo.put(left, right, rank);
    }
    return rank < 0 ? NONE : rank;
  }

  /**
   * The same merges for long pieces in O(n log n): parts form a linked list and candidate pairs sit in
   * a binary min-heap of {@code rank << 32 | position} longs (with {@link #partTies}, the left part's
   * rank between the two), so the leftmost of equal ranks still merges first. A part's pair only ever
   * grows, so a popped entry whose rank is no longer the part's current one is stale. The heap is a
   * plain array (no comparator, nothing boxed): this method is rare enough to be compiled late, and
   * small code compiles fast.
   */
  private int[] mergeByHeap(byte[] bytes, int from, int n) {
    int to = from + n;
    int[] next = new int[n];
    int[] prev = new int[n];
    int[] ranks = new int[n];
    int[] pairs = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
      ranks[i] = tokens.byteId(bytes[from + i] & 0xFF);
    }
    // Each merge pushes at most two entries, and there are fewer than n merges.
    LongMinHeap heap = new LongMinHeap(3 * n);
    for (int i = 0; i < n; i++) {
      pairs[i] = linkedPair(bytes, from, to, next, ranks, i);
      if (pairs[i] != NONE) heap.push(heapEntry(pairs[i], ranks[i], i));
    }
    boolean[] merged = new boolean[n];
    int count = n;
    while (!heap.isEmpty()) {
      long top = heap.pop();
      int part = (int) (top & (1L << positionBits) - 1);
      if (merged[part] || pairs[part] != (int) (top >>> pairShift)) continue;
      int right = next[part];
      merged[right] = true;
      count--;
      ranks[part] = pairs[part];
      next[part] = next[right];
      if (next[part] >= 0) prev[next[part]] = part;
      pairs[part] = linkedPair(bytes, from, to, next, ranks, part);
      if (pairs[part] != NONE) heap.push(heapEntry(pairs[part], ranks[part], part));
      int left = prev[part];
      if (left >= 0) {
        pairs[left] = linkedPair(bytes, from, to, next, ranks, left);
        if (pairs[left] != NONE) heap.push(heapEntry(pairs[left], ranks[left], left));
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int part = 0; part >= 0; part = next[part]) out[k++] = ranks[part];
    return out;
  }

  private long heapEntry(int pair, int left, int part) {
    return (long) pair << pairShift | (partTies ? (long) left << positionBits : 0) | part;
  }

  private int linkedPair(byte[] bytes, int from, int to, int[] next, int[] ranks, int part) {
    int right = next[part];
    if (right < 0) return NONE;
    int end = next[right] >= 0 ? from + next[right] : to;
    return joined(bytes, from + part, end, ranks[part], ranks[right]);
  }
}
