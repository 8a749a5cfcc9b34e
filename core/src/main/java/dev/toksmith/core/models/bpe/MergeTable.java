package dev.toksmith.core.models.bpe;

import dev.toksmith.core.models.LongMinHeap;
import dev.toksmith.core.models.PairMemo;

/**
 * BPE merges keyed for lookup, and the merging itself: a pair of ids maps to its merge's rank, and the
 * rank to the id it makes. Open addressing over one array of (key, rank) longs, so a lookup touches one
 * cache line, behind a {@link PairMemo} of the pairs asked recently. Immutable and thread-safe.
 */
final class MergeTable {
  /** No merge: larger than every rank. */
  static final int NONE = Integer.MAX_VALUE;
  /** Pieces of up to this many symbols merge by scanning an array; longer ones use a heap. */
  private static final int SCAN_LIMIT = 64;

  /** Slot {@code i} holds a key at {@code 2i} (0 when empty) and its rank at {@code 2i + 1}. */
  private final long[] slots;
  private final int mask;
  /** The id each merge makes, by rank. */
  private final int[] results;
  /** Ranks of recent pairs, for ids and ranks small enough; null otherwise. */
  private final PairMemo memo;

  /** Merge rules by rank, as ids: what the table is built from (a model's {@code Merges}). */
  interface Ranked {
    int size();

    int left(int rank);

    int right(int rank);

    int result(int rank);
  }

  /**
   * The table of a model's merges, built the first time it is asked for: a model whose byte-level
   * engine runs on ranks ({@link ByteLevelBpe}) needs it only for long pieces, and a model that is only
   * inspected or written never does. Thread-safe; two threads asking at once may both build it.
   */
  static final class OnDemand {
    private final Ranked merges;
    private volatile MergeTable table;

    OnDemand(Ranked merges) {
      this.merges = merges;
    }

    /** The number of merges, without building the table. */
    int size() {
      return merges.size();
    }

    MergeTable get() {
      MergeTable t = table;
      if (t == null) table = t = new MergeTable(merges);
      return t;
    }
  }

  MergeTable(Ranked merges) {
    int capacity = Integer.highestOneBit(Math.max(4, merges.size() * 2 - 1)) << 1;
    slots = new long[capacity * 2];
    mask = capacity - 1;
    results = new int[merges.size()];
    int largest = merges.size();
    for (int rank = 0; rank < merges.size(); rank++) {
      // A pair listed twice keeps its later rank, as Hugging Face's HashMap collect does.
      long key = key(merges.left(rank), merges.right(rank));
      int slot = slotOf(key);
      slots[2 * slot] = key;
      slots[2 * slot + 1] = rank;
      results[rank] = merges.result(rank);
      largest = Math.max(largest, Math.max(results[rank], Math.max(merges.left(rank), merges.right(rank))));
    }
    memo = largest <= PairMemo.MAX ? new PairMemo() : null;
  }

  /** The number of merges. */
  int size() {
    return results.length;
  }

  /** Never 0 (ids are not negative), which marks an empty slot. */
  private static long key(int left, int right) {
    return ((long) (left + 1) << 32) | (right & 0xFFFFFFFFL);
  }

  private static int spread(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  private int slotOf(long key) {
    int slot = spread(key) & mask;
    while (slots[2 * slot] != 0 && slots[2 * slot] != key) slot = (slot + 1) & mask;
    return slot;
  }

  /** The rank of merging {@code left, right}, or {@link #NONE}. */
  int rank(int left, int right) {
    if (memo != null) {
      int kept = memo.get(left, right);
      if (kept != PairMemo.MISS) return kept < 0 ? NONE : kept;
    }
    long key = key(left, right);
    int slot = spread(key) & mask;
    int rank = -1;
    while (true) {
      long k = slots[2 * slot];
      if (k == key) {
        rank = (int) slots[2 * slot + 1];
        break;
      }
      if (k == 0) break;
      slot = (slot + 1) & mask;
    }
    if (memo != null) memo.put(left, right, rank);
    return rank < 0 ? NONE : rank;
  }

  /** The id the merge of that rank makes. */
  int result(int rank) {
    return results[rank];
  }

  /**
   * Applies merges to the symbols {@code ids[0, n)} in place, the lowest rank first and the leftmost
   * of equals first, as Hugging Face's {@code merge_all}; returns the new count. {@code lengths}
   * (bytes per symbol) follow the ids when not null. {@code pairs}, when not null, holds the rank of
   * each symbol's merge with the next one already ({@code pairs[0, n - 1)}, room for {@code n}); short
   * pieces scan that array, long ones use a heap so that a 1 MB piece stays near-linear.
   */
  int mergeAll(int[] ids, int[] lengths, int[] pairs, int n) {
    if (n < 2) return n;
    if (n > SCAN_LIMIT) return mergeByHeap(ids, lengths, n);
    if (pairs == null) {
      pairs = new int[n];
      for (int i = 0; i < n - 1; i++) pairs[i] = rank(ids[i], ids[i + 1]);
    }
    while (n > 1) {
      int best = NONE;
      int at = -1;
      for (int i = 0; i < n - 1; i++) {
        if (pairs[i] < best) {
          best = pairs[i];
          at = i;
        }
      }
      if (at < 0) break;
      ids[at] = results[best];
      System.arraycopy(ids, at + 2, ids, at + 1, n - at - 2);
      if (lengths != null) {
        lengths[at] += lengths[at + 1];
        System.arraycopy(lengths, at + 2, lengths, at + 1, n - at - 2);
      }
      System.arraycopy(pairs, at + 1, pairs, at, n - at - 2);
      n--;
      if (at > 0) pairs[at - 1] = rank(ids[at - 1], ids[at]);
      if (at < n - 1) pairs[at] = rank(ids[at], ids[at + 1]);
    }
    return n;
  }

  private int mergeByHeap(int[] ids, int[] lengths, int n) {
    int[] next = new int[n];
    int[] prev = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // Heap entries are (rank << 32 | position); stale entries are skipped when popped.
    // Each merge pushes at most two entries, after the n - 1 first pairs.
    LongMinHeap heap = new LongMinHeap(3 * n);
    for (int i = 0; i + 1 < n; i++) push(heap, ids, i, i + 1);
    boolean[] gone = new boolean[n];
    while (!heap.isEmpty()) {
      long top = heap.pop();
      int rank = (int) (top >>> 32);
      int at = (int) top;
      int right = next[at];
      if (gone[at] || right < 0 || rank(ids[at], ids[right]) != rank) continue;
      ids[at] = results[rank];
      if (lengths != null) lengths[at] += lengths[right];
      gone[right] = true;
      next[at] = next[right];
      if (next[at] >= 0) prev[next[at]] = at;
      if (prev[at] >= 0) push(heap, ids, prev[at], at);
      if (next[at] >= 0) push(heap, ids, at, next[at]);
    }
    int count = 0;
    for (int i = 0; i >= 0 && i < n; i = next[i]) {
      ids[count] = ids[i];
      if (lengths != null) lengths[count] = lengths[i];
      count++;
    }
    return count;
  }

  private void push(LongMinHeap heap, int[] ids, int left, int right) {
    int rank = rank(ids[left], ids[right]);
    if (rank != NONE) heap.push(((long) rank << 32) | left);
  }
}
