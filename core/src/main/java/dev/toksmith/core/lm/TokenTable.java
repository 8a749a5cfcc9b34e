package dev.toksmith.core.lm;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Function;

/**
 * The bytes of every id of a byte-level tokenizer, sorted so that the ids sharing a prefix form one
 * range, with the tokenizer's canonical encoding of a byte string: the tables that {@link TokenBytes}
 * and its local canonicality tests ({@link CanonicalMasks}, {@link SegmentMasks}) read. Immutable and
 * thread-safe.
 */
public class TokenTable {
  private final byte[][] bytes;
  private final Function<byte[], int[]> encoder;
  private final int maxTokenLength;
  /** Ids with bytes, sorted by their bytes (unsigned), so tokens sharing a prefix form one range. */
  private final int[] sortedIds;
  /** Where the ids starting with each byte begin in {@link #sortedIds}; entry 256 is its length. */
  private final int[] firstByteStarts;
  /** The first byte of each id with bytes (0 for the others). */
  private final byte[] firstBytes;
  /** The position of each id with bytes in {@link #sortedIds} (-1 for the others). */
  private final int[] positions;

  /**
   * @param bytes the bytes of each id; null for ids that plain text never produces (special tokens,
   *     unused ids)
   * @param encoder the canonical encoding of a byte string
   */
  TokenTable(byte[][] bytes, Function<byte[], int[]> encoder) {
    this.bytes = bytes.clone();
    this.encoder = encoder;
    int longest = 0;
    IntArrayList ids = new IntArrayList();
    for (int id = 0; id < bytes.length; id++) {
      if (bytes[id] != null && bytes[id].length > 0) {
        ids.add(id);
        longest = Math.max(longest, bytes[id].length);
      }
    }
    this.maxTokenLength = longest;
    this.sortedIds = ids.toIntArray();
    IntArrays.parallelQuickSort(sortedIds, (a, b) -> Arrays.compareUnsigned(bytes[a], bytes[b]));
    this.firstByteStarts = firstByteStarts(bytes, sortedIds);
    this.firstBytes = new byte[bytes.length];
    for (int id : sortedIds) firstBytes[id] = bytes[id][0];
    this.positions = new int[bytes.length];
    Arrays.fill(positions, -1);
    for (int i = 0; i < sortedIds.length; i++) positions[sortedIds[i]] = i;
  }

  /** The same tables (shared, not copied). */
  TokenTable(TokenTable other) {
    this.bytes = other.bytes;
    this.encoder = other.encoder;
    this.maxTokenLength = other.maxTokenLength;
    this.sortedIds = other.sortedIds;
    this.firstByteStarts = other.firstByteStarts;
    this.firstBytes = other.firstBytes;
    this.positions = other.positions;
  }

  /** One past the largest id. */
  public int idBound() {
    return bytes.length;
  }

  /** The bytes of {@code id}, or null when plain text never produces it. */
  public byte[] bytes(int id) {
    return id < bytes.length ? bytes[id] : null;
  }

  /** The bytes of every id, null for ids without bytes. Do not modify. */
  byte[][] allBytes() {
    return bytes;
  }

  /** Length in bytes of the longest token. */
  public int maxTokenLength() {
    return maxTokenLength;
  }

  /** Ids with bytes, sorted by their bytes (unsigned). Do not modify. */
  public int[] ids() {
    return sortedIds;
  }

  private static int[] firstByteStarts(byte[][] bytes, int[] sorted) {
    int[] starts = new int[257];
    int i = 0;
    for (int b = 0; b <= 256; b++) {
      while (i < sorted.length && (bytes[sorted[i]][0] & 0xFF) < b) i++;
      starts[b] = i;
    }
    return starts;
  }

  /** Where the ids whose first byte is {@code b} begin in {@link #ids()} ({@code b} = 256: its length). */
  int firstByteStart(int b) {
    return firstByteStarts[b];
  }

  /** The first byte of each id (0 for ids without bytes). Do not modify. */
  byte[] firstBytes() {
    return firstBytes;
  }

  /** The position of {@code id} in {@link #ids()}, or -1 when it has no bytes. */
  int positionOf(int id) {
    return id < positions.length ? positions[id] : -1;
  }

  /**
   * Per first byte, how many ids of a mask start with it and the sum of their {@code weights}; and
   * the weights' sum over the whole mask.
   */
  record FirstByteSums(double[] weightsOf, double[] counts, double[] weights, double total) {}

  /** The sums of {@code weights} over {@code ids} by first byte, in one pass. */
  FirstByteSums sums(BitSet ids, double[] weights) {
    long[] words = ids.toLongArray();
    // Four interleaved sums per byte, so that neighbouring ids with the same first byte (half the
    // vocabulary starts with a space) do not wait for each other's additions.
    double[] counts = new double[4 * 256];
    double[] sums = new double[4 * 256];
    for (int i = 0; i < words.length; i++) {
      for (long word = words[i]; word != 0; word &= word - 1) {
        int id = (i << 6) + Long.numberOfTrailingZeros(word);
        if (id >= firstBytes.length) break;
        int slot = (firstBytes[id] & 0xFF) << 2 | (id & 3);
        counts[slot]++;
        sums[slot] += weights[id];
      }
    }
    double[] byteWeights = fold(sums);
    double total = 0;
    for (double x : byteWeights) total += x;
    return new FirstByteSums(weights, fold(counts), byteWeights, total);
  }

  /** Folds four interleaved sums per byte into one. */
  static double[] fold(double[] interleaved) {
    double[] out = new double[interleaved.length / 4];
    for (int b = 0; b < out.length; b++) out[b] = (interleaved[b << 2] + interleaved[b << 2 | 1]) + (interleaved[b << 2 | 2] + interleaved[b << 2 | 3]);
    return out;
  }

  /** Byte {@code depth} of the token at position {@code i} of {@link #ids()}. */
  int byteAt(int i, int depth) {
    return bytes[sortedIds[i]][depth] & 0xFF;
  }

  /**
   * The first position of {@code [lo, hi)} of {@link #ids()} whose byte {@code depth} is at least
   * {@code b}, for positions whose tokens are longer than {@code depth} and share their first
   * {@code depth} bytes.
   */
  int runStart(int lo, int hi, int depth, int b) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byteAt(mid, depth) < b) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The end of the run of positions from {@code i} (before {@code hi}) whose byte {@code depth} is that of {@code i}. */
  int runEnd(int i, int hi, int depth) {
    int b = byteAt(i, depth);
    // Gallop, then bisect between the last position known in the run and the first known past it.
    int known = i;
    int probe = i + 1;
    for (int step = 1; probe < hi && byteAt(probe, depth) == b; step <<= 1) {
      known = probe;
      probe = known + step;
    }
    int left = known + 1;
    int right = Math.min(probe, hi);
    while (left < right) {
      int mid = (left + right) >>> 1;
      if (byteAt(mid, depth) == b) left = mid + 1;
      else right = mid;
    }
    return left;
  }

  /** The id whose bytes are exactly {@code b[from, to)}, or -1. */
  int idOf(byte[] b, int from, int to) {
    int i = lowerBound(b, from, to);
    if (i == sortedIds.length) return -1;
    byte[] found = bytes[sortedIds[i]];
    return Arrays.equals(found, 0, found.length, b, from, to) ? sortedIds[i] : -1;
  }

  /** The canonical encoding of {@code text[from, to)}. */
  public int[] encode(byte[] text, int from, int to) {
    return encoder.apply(Arrays.copyOfRange(text, from, to));
  }

  /** The canonical encoding of all of {@code text}, which the encoder may keep. */
  int[] encodeWhole(byte[] text) {
    return encoder.apply(text);
  }

  /** The concatenated bytes of {@code ids[0, count)}. */
  public byte[] decode(int[] ids, int count) {
    return decode(ids, 0, count);
  }

  /** The concatenated bytes of {@code ids[from, to)}. */
  byte[] decode(int[] ids, int from, int to) {
    int length = 0;
    for (int i = from; i < to; i++) length += bytes[ids[i]].length;
    byte[] out = new byte[length];
    int p = 0;
    for (int i = from; i < to; i++) {
      System.arraycopy(bytes[ids[i]], 0, out, p, bytes[ids[i]].length);
      p += bytes[ids[i]].length;
    }
    return out;
  }

  /**
   * Ids whose bytes start with {@code prefix[from, to)}, in byte order; an empty prefix gives every
   * id with bytes.
   */
  public int[] idsStartingWith(byte[] prefix, int from, int to) {
    int lo = lowerBound(prefix, from, to);
    int hi = lo;
    while (hi < sortedIds.length && startsWith(bytes[sortedIds[hi]], prefix, from, to)) hi++;
    return Arrays.copyOfRange(sortedIds, lo, hi);
  }

  private int lowerBound(byte[] prefix, int from, int to) {
    int lo = 0;
    int hi = sortedIds.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(bytes[sortedIds[mid]], 0, bytes[sortedIds[mid]].length, prefix, from, to) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static boolean startsWith(byte[] token, byte[] prefix, int from, int to) {
    return token.length >= to - from && Arrays.equals(token, 0, to - from, prefix, from, to);
  }

  /** Whether {@code ids} is canonical, i.e. {@code encode(decode(ids))} gives it back. */
  public boolean isCanonical(int[] ids) {
    for (int id : ids) {
      if (bytes(id) == null) return false;
    }
    return Arrays.equals(encoder.apply(decode(ids, ids.length)), ids);
  }
}
