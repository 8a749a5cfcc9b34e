package dev.toksmith.core.models.tiktoken;

import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.TokenSink;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * tiktoken's byte-pair encoding over mergeable ranks: each token is a byte string and its rank is its
 * id. A piece that is itself a token is that token; otherwise it starts as single bytes and the
 * adjacent pair whose concatenated bytes have the lowest rank is merged, the leftmost of equals
 * first, until no adjacent pair concatenates to a token. Immutable and thread-safe.
 *
 * <p>Lookups hash byte ranges straight into an open-addressing table over one array holding every
 * token's bytes; the tokens of short pieces that are no token themselves are cached.
 */
public final class TiktokenModel {
  /** Pieces of up to this many bytes merge by scanning, as tiktoken does; longer ones use a heap. */
  private static final int SCAN_LIMIT = 64;
  /** Pieces shorter than this many bytes have their tokens cached (long ones are rare and costly to key). */
  private static final int CACHED_PIECE_LENGTH = 256;
  private static final int CACHE_CAPACITY = 10_000;
  private static final int NONE = Integer.MAX_VALUE;

  private final byte[] data;
  /** Start of each rank's bytes in {@link #data}; a rank without token has length -1. */
  private final int[] starts;
  private final int[] lengths;
  /** Open addressing: rank + 1 per slot, 0 for empty. */
  private final int[] slots;
  private final int mask;
  private final int size;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();
  /** Vocabulary forms by rank, built on first use. */
  private volatile String[] spellings;

  /**
   * Builds a model from the bytes of each rank.
   *
   * @param tokensByRank the token of each rank, null for a rank that has none
   * @throws IllegalArgumentException if two ranks share bytes, a token is empty, or a single byte
   *     has no token (tiktoken could then not encode every input)
   */
  public TiktokenModel(byte[][] tokensByRank) {
    int total = 0;
    int count = 0;
    for (byte[] token : tokensByRank) {
      if (token == null) continue;
      total += token.length;
      count++;
    }
    size = count;
    data = new byte[total];
    starts = new int[tokensByRank.length];
    lengths = new int[tokensByRank.length];
    int capacity = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
    slots = new int[capacity];
    mask = capacity - 1;
    int at = 0;
    for (int rank = 0; rank < tokensByRank.length; rank++) {
      byte[] token = tokensByRank[rank];
      if (token == null) {
        lengths[rank] = -1;
        continue;
      }
      if (token.length == 0) throw new IllegalArgumentException("rank " + rank + " has an empty token");
      System.arraycopy(token, 0, data, at, token.length);
      starts[rank] = at;
      lengths[rank] = token.length;
      at += token.length;
      int slot = hash(token, 0, token.length) & mask;
      while (slots[slot] != 0) {
        int other = slots[slot] - 1;
        if (equalsToken(other, token, 0, token.length)) {
          throw new IllegalArgumentException("ranks " + other + " and " + rank + " have the same bytes");
        }
        slot = (slot + 1) & mask;
      }
      slots[slot] = rank + 1;
    }
    byte[] single = new byte[1];
    for (int b = 0; b < 256; b++) {
      single[0] = (byte) b;
      if (rank(single, 0, 1) < 0) throw new IllegalArgumentException(String.format("no token for the single byte 0x%02X", b));
    }
  }

  /** Number of tokens. */
  public int size() {
    return size;
  }

  /** Largest rank plus one. */
  public int rankBound() {
    return starts.length;
  }

  /** The rank of {@code bytes[from, to)}, or -1 when those bytes are no token. */
  public int rank(byte[] bytes, int from, int to) {
    int slot = hash(bytes, from, to) & mask;
    while (true) {
      int entry = slots[slot];
      if (entry == 0) return -1;
      if (equalsToken(entry - 1, bytes, from, to)) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** The bytes of a rank (a copy), or null when the rank has no token. */
  public byte[] bytes(int rank) {
    if (rank < 0 || rank >= starts.length || lengths[rank] < 0) return null;
    return Arrays.copyOfRange(data, starts[rank], starts[rank] + lengths[rank]);
  }

  /**
   * The vocabulary form of a rank, its bytes spelled as Hugging Face's byte-level characters (a space
   * is {@code Ġ}), or null when the rank has no token.
   */
  public String spelling(int rank) {
    if (rank < 0 || rank >= starts.length || lengths[rank] < 0) return null;
    String[] all = spellings;
    if (all == null) {
      all = new String[starts.length];
      for (int r = 0; r < all.length; r++) if (lengths[r] >= 0) all[r] = ByteLevelAlphabet.spell(Arrays.copyOfRange(data, starts[r], starts[r] + lengths[r]));
      spellings = all;
    }
    return all[rank];
  }

  private boolean equalsToken(int rank, byte[] bytes, int from, int to) {
    int start = starts[rank];
    return Arrays.equals(data, start, start + lengths[rank], bytes, from, to);
  }

  private static int hash(byte[] bytes, int from, int to) {
    int h = to - from;
    for (int i = from; i < to; i++) h = h * 0x9E3779B1 + bytes[i];
    return h ^ (h >>> 15) ^ (h >>> 7);
  }

  /**
   * Encodes the piece {@code bytes[from, to)}: reports each token's rank and its byte range, in
   * order.
   */
  public void encode(byte[] bytes, int from, int to, TokenSink out) {
    if (from == to) return;
    int whole = rank(bytes, from, to);
    if (whole >= 0) {
      out.token(whole, from, to);
      return;
    }
    int[] merged;
    if (to - from < CACHED_PIECE_LENGTH) {
      String key = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
      merged = cache.get(key);
      if (merged == null) {
        merged = merge(bytes, from, to);
        if (cache.size() < CACHE_CAPACITY) cache.put(key, merged);
      }
    } else {
      merged = merge(bytes, from, to);
    }
    int at = from;
    for (int i = 0; i < merged.length; i += 2) {
      out.token(merged[i], at, at + merged[i + 1]);
      at += merged[i + 1];
    }
  }

  /** The tokens of a piece that is no token itself, as pairs (rank, length in bytes). */
  private int[] merge(byte[] bytes, int from, int to) {
    int[] partStarts = to - from <= SCAN_LIMIT ? mergeByScan(bytes, from, to) : mergeByHeap(bytes, from, to);
    int parts = partStarts.length - 1;
    int[] merged = new int[parts * 2];
    for (int i = 0; i < parts; i++) {
      merged[2 * i] = rank(bytes, partStarts[i], partStarts[i + 1]);
      merged[2 * i + 1] = partStarts[i + 1] - partStarts[i];
    }
    return merged;
  }

  /**
   * tiktoken's own loop: parts as start positions, each with the rank of it and its right neighbour.
   * Returns the parts' starts followed by {@code to}.
   */
  private int[] mergeByScan(byte[] bytes, int from, int to) {
    int n = to - from;
    int[] partStarts = new int[n + 1];
    int[] pairRanks = new int[n];
    for (int i = 0; i <= n; i++) partStarts[i] = from + i;
    int count = n + 1; // parts plus the end sentinel
    for (int i = 0; i < n; i++) pairRanks[i] = pairRank(bytes, partStarts, count, i);
    while (true) {
      int best = NONE;
      int at = -1;
      for (int i = 0; i < count - 2; i++) {
        if (pairRanks[i] < best) {
          best = pairRanks[i];
          at = i;
        }
      }
      if (at < 0) break;
      System.arraycopy(partStarts, at + 2, partStarts, at + 1, count - at - 2);
      System.arraycopy(pairRanks, at + 2, pairRanks, at + 1, count - at - 3);
      count--;
      pairRanks[at] = pairRank(bytes, partStarts, count, at);
      if (at > 0) pairRanks[at - 1] = pairRank(bytes, partStarts, count, at - 1);
    }
    return Arrays.copyOf(partStarts, count);
  }

  private int pairRank(byte[] bytes, int[] partStarts, int count, int i) {
    if (i + 2 >= count) return NONE;
    int rank = rank(bytes, partStarts[i], partStarts[i + 2]);
    return rank < 0 ? NONE : rank;
  }

  /**
   * The same merges for long pieces in O(n log n): parts form a linked list and candidate pairs sit in
   * a heap ordered by (rank, position), so the leftmost of equal ranks still merges first. A part's
   * pair only ever grows, so a popped entry whose rank is no longer the part's current one is stale.
   */
  private int[] mergeByHeap(byte[] bytes, int from, int to) {
    int n = to - from;
    int[] next = new int[n];
    int[] prev = new int[n];
    int[] pairRanks = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    LongHeapPriorityQueue heap = new LongHeapPriorityQueue(n);
    for (int i = 0; i < n; i++) {
      pairRanks[i] = linkedPairRank(bytes, from, to, next, i);
      if (pairRanks[i] != NONE) heap.enqueue(((long) pairRanks[i] << 32) | i);
    }
    boolean[] merged = new boolean[n];
    while (!heap.isEmpty()) {
      long top = heap.dequeueLong();
      int part = (int) top;
      if (merged[part] || pairRanks[part] != (int) (top >>> 32)) continue;
      int right = next[part];
      merged[right] = true;
      next[part] = next[right];
      if (next[part] >= 0) prev[next[part]] = part;
      pairRanks[part] = linkedPairRank(bytes, from, to, next, part);
      if (pairRanks[part] != NONE) heap.enqueue(((long) pairRanks[part] << 32) | part);
      int left = prev[part];
      if (left >= 0) {
        pairRanks[left] = linkedPairRank(bytes, from, to, next, left);
        if (pairRanks[left] != NONE) heap.enqueue(((long) pairRanks[left] << 32) | left);
      }
    }
    IntArrayList partStarts = new IntArrayList();
    for (int part = 0; part >= 0; part = next[part]) partStarts.add(from + part);
    partStarts.add(to);
    return partStarts.toIntArray();
  }

  private int linkedPairRank(byte[] bytes, int from, int to, int[] next, int part) {
    int right = next[part];
    if (right < 0) return NONE;
    int end = next[right] >= 0 ? from + next[right] : to;
    int rank = rank(bytes, from + part, end);
    return rank < 0 ? NONE : rank;
  }
}
