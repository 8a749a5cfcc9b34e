package dev.toksmith.core.models.tiktoken;

import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.TokenSink;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * tiktoken's byte-pair encoding over mergeable ranks: each token is a byte string and its rank is its
 * id. A piece that is itself a token is that token; otherwise it starts as single bytes and the
 * adjacent pair whose concatenated bytes have the lowest rank is merged, the leftmost of equals
 * first, until no adjacent pair concatenates to a token. Immutable and thread-safe.
 *
 * <p>Lookups hash byte ranges straight from the caller's buffer, eight bytes at a time, into an
 * open-addressing table whose slots hold each token's first eight bytes, so most lookups touch one
 * cache line; one- and two-byte strings index arrays directly. The tokens of pieces that are no
 * token themselves are kept in a bounded cache that threads share without locks.
 */
public final class TiktokenModel {
  /** Pieces of up to this many bytes merge by scanning, as tiktoken does; longer ones use a heap. */
  private static final int SCAN_LIMIT = 64;
  /** Pieces of up to this many bytes have their tokens cached (long ones are rare and costly to key). */
  private static final int CACHED_PIECE_LENGTH = 128;
  private static final int CACHE_SLOTS = 1 << 15;
  private static final int NONE = Integer.MAX_VALUE;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Every token's bytes, by rank, followed by eight zero bytes so that words can be read whole. */
  private final byte[] data;
  /** Start of each rank's bytes in {@link #data}; a rank without token has length -1. */
  private final int[] starts;
  private final int[] lengths;
  /**
   * Open addressing, two longs per slot: the token's first eight bytes (little-endian, zero-padded),
   * then its rank in the low half and in the high half a tag (hash bits and the length, at most
   * 255), never 0, so that an empty slot is a zero tag.
   */
  private final long[] table;
  private final int mask;
  private final int size;
  private final int[] byteRanks = new int[256];
  /** Rank of each two-byte string ({@code first << 8 | second}), -1 when it is no token. */
  private final int[] pairRanks = new int[1 << 16];
  /**
   * Direct-mapped cache of merged pieces. Entries are immutable, so threads may read and replace
   * them without synchronization: a reader sees either some complete entry or null.
   */
  private final CachedPiece[] cache = new CachedPiece[CACHE_SLOTS];
  /** Vocabulary forms by rank, built on first use. */
  private volatile String[] spellings;

  /** A merged piece: its hash, its bytes (zero-padded to whole words), its length and its tokens. */
  private record CachedPiece(long hash, byte[] bytes, int length, int[] ranks) {}

  /**
   * Builds a model from the bytes of each rank.
   *
   * @param tokensByRank the token of each rank, null for a rank that has none
   * @throws IllegalArgumentException if two ranks share bytes, a token is empty, or a single byte
   *     has no token (tiktoken could then not encode every input)
   */
  public TiktokenModel(byte[][] tokensByRank) {
    this(concatenate(tokensByRank), lengthsOf(tokensByRank));
  }

  /**
   * Builds a model from every token's bytes laid end to end in rank order and the length of each
   * rank's token (-1 for a rank that has none).
   *
   * @throws IllegalArgumentException as {@link #TiktokenModel(byte[][])}, or if the lengths do not
   *     add up to the bytes given
   */
  public TiktokenModel(byte[] tokenBytes, int[] lengthsByRank) {
    int total = 0;
    int count = 0;
    for (int rank = 0; rank < lengthsByRank.length; rank++) {
      int length = lengthsByRank[rank];
      if (length == 0) throw new IllegalArgumentException("rank " + rank + " has an empty token");
      if (length < 0) continue;
      total += length;
      count++;
    }
    if (total != tokenBytes.length) throw new IllegalArgumentException("the token lengths add up to " + total + " bytes, not " + tokenBytes.length);
    size = count;
    data = Arrays.copyOf(tokenBytes, total + Long.BYTES);
    lengths = lengthsByRank.clone();
    starts = new int[lengths.length];
    int capacity = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
    table = new long[capacity * 2];
    mask = capacity - 1;
    Arrays.fill(pairRanks, -1);
    int at = 0;
    for (int rank = 0; rank < lengths.length; rank++) {
      int length = lengths[rank];
      if (length < 0) continue;
      starts[rank] = at;
      int other = insert(at, length, rank);
      if (other >= 0) throw new IllegalArgumentException("ranks " + other + " and " + rank + " have the same bytes");
      if (length == 2) pairRanks[((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF)] = rank;
      at += length;
    }
    for (int b = 0; b < 256; b++) {
      byteRanks[b] = find(new byte[] {(byte) b}, 0, 1);
      if (byteRanks[b] < 0) throw new IllegalArgumentException(String.format("no token for the single byte 0x%02X", b));
    }
  }

  private static byte[] concatenate(byte[][] tokensByRank) {
    int total = 0;
    for (byte[] token : tokensByRank) if (token != null) total += token.length;
    byte[] all = new byte[total];
    int at = 0;
    for (byte[] token : tokensByRank) {
      if (token == null) continue;
      System.arraycopy(token, 0, all, at, token.length);
      at += token.length;
    }
    return all;
  }

  private static int[] lengthsOf(byte[][] tokensByRank) {
    int[] lengths = new int[tokensByRank.length];
    for (int rank = 0; rank < lengths.length; rank++) lengths[rank] = tokensByRank[rank] == null ? -1 : tokensByRank[rank].length;
    return lengths;
  }

  /** Number of tokens. */
  public int size() {
    return size;
  }

  /** Largest rank plus one. */
  public int rankBound() {
    return starts.length;
  }

  /** Length in bytes of a rank's token, or -1 when the rank has none. */
  public int tokenLength(int rank) {
    return rank < 0 || rank >= lengths.length ? -1 : lengths[rank];
  }

  /** The rank of {@code bytes[from, to)}, or -1 when those bytes are no token. */
  public int rank(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length == 1) return byteRanks[bytes[from] & 0xFF];
    if (length == 2) return pairRanks[((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF)];
    return length <= 0 ? -1 : find(bytes, from, length);
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

  // ---------------------------------------------------------------- the rank table

  /**
   * The {@code n} bytes ({@code 1 <= n <= 8}) at {@code at} as a little-endian long, zero-padded. Reads
   * one whole word when the array has room for it.
   */
  private static long word(byte[] bytes, int at, int n) {
    if (at + Long.BYTES <= bytes.length) {
      long w = (long) LONGS.get(bytes, at);
      return n >= Long.BYTES ? w : w & ((1L << (n << 3)) - 1);
    }
    long w = 0;
    for (int i = n - 1; i >= 0; i--) w = (w << 8) | (bytes[at + i] & 0xFF);
    return w;
  }

  private static long hash(byte[] bytes, int from, int length, long first) {
    long h = first * 0x9E3779B97F4A7C15L + length;
    for (int i = Long.BYTES; i < length; i += Long.BYTES) h = (h ^ word(bytes, from + i, Math.min(Long.BYTES, length - i))) * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    return h ^ (h >>> 33);
  }

  /** A slot's tag: hash bits the slot index does not use, and the length (capped at 255); never 0. */
  private static long tag(long hash, int length) {
    return (hash & 0xFFFFFF0000000000L) | ((long) Math.min(length, 255) << 32);
  }

  private int find(byte[] bytes, int from, int length) {
    long first = word(bytes, from, Math.min(length, Long.BYTES));
    return find(bytes, from, length, first, hash(bytes, from, length, first));
  }

  /** The rank of {@code bytes[from, from + length)} given its first word and hash, or -1. */
  private int find(byte[] bytes, int from, int length, long first, long hash) {
    long meta = table[2 * slotOf(bytes, from, length, first, hash) + 1];
    return meta == 0 ? -1 : (int) meta;
  }

  /** The slot holding {@code bytes[from, from + length)}, or the empty slot where it would go. */
  private int slotOf(byte[] bytes, int from, int length, long first, long hash) {
    long tag = tag(hash, length);
    int slot = (int) hash & mask;
    while (true) {
      long meta = table[2 * slot + 1];
      if (meta == 0) return slot;
      if ((meta & 0xFFFFFFFF00000000L) == tag && table[2 * slot] == first && (length <= Long.BYTES || tailEquals((int) meta, bytes, from, length))) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Whether the bytes after the first word of a token of {@code length} bytes equal those of the rank. */
  private boolean tailEquals(int rank, byte[] bytes, int from, int length) {
    if (lengths[rank] != length) return false;
    int start = starts[rank];
    for (int i = Long.BYTES; i < length; i += Long.BYTES) {
      int n = Math.min(Long.BYTES, length - i);
      if (word(data, start + i, n) != word(bytes, from + i, n)) return false;
    }
    return true;
  }

  /**
   * Adds the token of {@code rank}, whose bytes are at {@code data[start, start + length)}; returns -1,
   * or the rank that has those bytes already (and then adds nothing). One probe does both.
   */
  private int insert(int start, int length, int rank) {
    long first = word(data, start, Math.min(length, Long.BYTES));
    long hash = hash(data, start, length, first);
    int slot = slotOf(data, start, length, first, hash);
    if (table[2 * slot + 1] != 0) return (int) table[2 * slot + 1];
    table[2 * slot] = first;
    table[2 * slot + 1] = tag(hash, length) | (rank & 0xFFFFFFFFL);
    return -1;
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes the piece {@code bytes[from, to)}: reports each token's rank and its byte range, in
   * order.
   */
  public void encode(byte[] bytes, int from, int to, TokenSink out) {
    IntArrayList ranks = new IntArrayList();
    encode(bytes, from, to, ranks);
    int at = from;
    for (int i = 0; i < ranks.size(); i++) {
      int rank = ranks.getInt(i);
      out.token(rank, at, at + lengths[rank]);
      at += lengths[rank];
    }
  }

  /** Appends the ranks of the piece {@code bytes[from, to)} to {@code out}. */
  public void encode(byte[] bytes, int from, int to, IntArrayList out) {
    int length = to - from;
    if (length <= 2) {
      if (length == 2) {
        int pair = pairRanks[((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF)];
        if (pair >= 0) {
          out.add(pair);
        } else {
          out.add(byteRanks[bytes[from] & 0xFF]);
          out.add(byteRanks[bytes[from + 1] & 0xFF]);
        }
      } else if (length == 1) {
        out.add(byteRanks[bytes[from] & 0xFF]);
      }
      return;
    }
    long first = word(bytes, from, Math.min(length, Long.BYTES));
    long hash = hash(bytes, from, length, first);
    int whole = find(bytes, from, length, first, hash);
    if (whole >= 0) {
      out.add(whole);
      return;
    }
    int[] merged = merged(bytes, from, length, hash);
    out.addElements(out.size(), merged);
  }

  /** Number of tokens of the piece {@code bytes[from, to)}, as {@link #encode} would report them. */
  public int count(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length <= 2) {
      if (length == 2) return pairRanks[((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF)] >= 0 ? 1 : 2;
      return length;
    }
    long first = word(bytes, from, Math.min(length, Long.BYTES));
    long hash = hash(bytes, from, length, first);
    if (find(bytes, from, length, first, hash) >= 0) return 1;
    return merged(bytes, from, length, hash).length;
  }

  /** The ranks of a piece of at least three bytes that is no token itself, from the cache when there. */
  private int[] merged(byte[] bytes, int from, int length, long hash) {
    if (length > CACHED_PIECE_LENGTH) return merge(bytes, from, length);
    int slot = (int) (hash >>> 40) & (CACHE_SLOTS - 1);
    CachedPiece cached = cache[slot];
    if (cached != null && cached.hash == hash && cached.length == length && sameBytes(cached.bytes, bytes, from, length)) return cached.ranks;
    int[] ranks = merge(bytes, from, length);
    byte[] key = Arrays.copyOfRange(bytes, from, from + ((length + Long.BYTES - 1) & -Long.BYTES));
    Arrays.fill(key, length, key.length, (byte) 0);
    cache[slot] = new CachedPiece(hash, key, length, ranks);
    return ranks;
  }

  private static boolean sameBytes(byte[] key, byte[] bytes, int from, int length) {
    for (int i = 0; i < length; i += Long.BYTES) {
      int n = Math.min(Long.BYTES, length - i);
      if (word(key, i, n) != word(bytes, from + i, n)) return false;
    }
    return true;
  }

  /** The ranks of the tokens of a piece that is no token itself. */
  private int[] merge(byte[] bytes, int from, int length) {
    int[] partStarts = length <= SCAN_LIMIT ? mergeByScan(bytes, from, length) : mergeByHeap(bytes, from, length);
    int parts = partStarts.length - 1;
    int[] ranks = new int[parts];
    for (int i = 0; i < parts; i++) ranks[i] = rank(bytes, partStarts[i], partStarts[i + 1]);
    return ranks;
  }

  /**
   * tiktoken's own loop: parts as start positions, each with the rank of it and its right neighbour.
   * Returns the parts' starts followed by the piece's end.
   */
  private int[] mergeByScan(byte[] bytes, int from, int n) {
    int[] partStarts = new int[n + 1];
    int[] pairs = new int[n];
    for (int i = 0; i <= n; i++) partStarts[i] = from + i;
    for (int i = 0; i + 1 < n; i++) {
      int rank = pairRanks[((bytes[from + i] & 0xFF) << 8) | (bytes[from + i + 1] & 0xFF)];
      pairs[i] = rank < 0 ? NONE : rank;
    }
    pairs[n - 1] = NONE;
    int count = n + 1; // parts plus the end sentinel
    while (true) {
      int best = NONE;
      int at = -1;
      for (int i = 0; i < count - 2; i++) {
        if (pairs[i] < best) {
          best = pairs[i];
          at = i;
        }
      }
      if (at < 0) break;
      System.arraycopy(partStarts, at + 2, partStarts, at + 1, count - at - 2);
      System.arraycopy(pairs, at + 2, pairs, at + 1, count - at - 3);
      count--;
      pairs[at] = pairRank(bytes, partStarts, count, at);
      if (at > 0) pairs[at - 1] = pairRank(bytes, partStarts, count, at - 1);
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
  private int[] mergeByHeap(byte[] bytes, int from, int n) {
    int to = from + n;
    int[] next = new int[n];
    int[] prev = new int[n];
    int[] pairs = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    LongHeapPriorityQueue heap = new LongHeapPriorityQueue(n);
    for (int i = 0; i < n; i++) {
      pairs[i] = linkedPairRank(bytes, from, to, next, i);
      if (pairs[i] != NONE) heap.enqueue(((long) pairs[i] << 32) | i);
    }
    boolean[] merged = new boolean[n];
    while (!heap.isEmpty()) {
      long top = heap.dequeueLong();
      int part = (int) top;
      if (merged[part] || pairs[part] != (int) (top >>> 32)) continue;
      int right = next[part];
      merged[right] = true;
      next[part] = next[right];
      if (next[part] >= 0) prev[next[part]] = part;
      pairs[part] = linkedPairRank(bytes, from, to, next, part);
      if (pairs[part] != NONE) heap.enqueue(((long) pairs[part] << 32) | part);
      int left = prev[part];
      if (left >= 0) {
        pairs[left] = linkedPairRank(bytes, from, to, next, left);
        if (pairs[left] != NONE) heap.enqueue(((long) pairs[left] << 32) | left);
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
