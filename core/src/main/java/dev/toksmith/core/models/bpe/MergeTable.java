package dev.toksmith.core.models.bpe;

import it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue;
import java.util.List;

/**
 * BPE merges keyed for lookup, and the merging itself: a pair of ids maps to its merge packed in one
 * long, the rank in the high half and the resulting id in the low half, so that comparing two packed
 * merges compares their ranks. Open addressing over one array of (key, merge) longs, so a lookup
 * touches one cache line. Immutable and thread-safe.
 */
final class MergeTable {
  /** No merge: larger than every packed merge. */
  static final long NONE = Long.MAX_VALUE;
  /** Pieces of up to this many symbols merge by scanning an array; longer ones use a heap. */
  private static final int SCAN_LIMIT = 64;

  /** Slot {@code i} holds a key at {@code 2i} (0 when empty) and its packed merge at {@code 2i + 1}. */
  private final long[] slots;
  private final int mask;

  MergeTable(List<BpeModel.Merge> merges) {
    int capacity = Integer.highestOneBit(Math.max(4, merges.size() * 2 - 1)) << 1;
    slots = new long[capacity * 2];
    mask = capacity - 1;
    for (int rank = 0; rank < merges.size(); rank++) {
      BpeModel.Merge m = merges.get(rank);
      // A pair listed twice keeps its later rank, as Hugging Face's HashMap collect does.
      int slot = slotOf(key(m.left(), m.right()));
      slots[2 * slot] = key(m.left(), m.right());
      slots[2 * slot + 1] = ((long) rank << 32) | (m.result() & 0xFFFFFFFFL);
    }
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

  /** The merge of {@code left, right} packed (rank, result), or {@link #NONE}. */
  long merge(int left, int right) {
    long key = key(left, right);
    int slot = spread(key) & mask;
    while (true) {
      long k = slots[2 * slot];
      if (k == key) return slots[2 * slot + 1];
      if (k == 0) return NONE;
      slot = (slot + 1) & mask;
    }
  }

  static int rank(long merge) {
    return (int) (merge >>> 32);
  }

  static int result(long merge) {
    return (int) merge;
  }

  /**
   * Applies merges to the symbols {@code ids[0, n)} in place, the lowest rank first and the leftmost
   * of equals first, as Hugging Face's {@code merge_all}; returns the new count. {@code lengths}
   * (bytes per symbol) follow the ids when not null. {@code pairs}, when not null, holds the merge of
   * each symbol with the next one already ({@code pairs[0, n - 1)}, room for {@code n}); short pieces
   * scan that array, long ones use a heap so that a 1 MB piece stays near-linear.
   */
  int mergeAll(int[] ids, int[] lengths, long[] pairs, int n) {
    if (n < 2) return n;
    if (n > SCAN_LIMIT) return mergeByHeap(ids, lengths, n);
    if (pairs == null) {
      pairs = new long[n];
      for (int i = 0; i < n - 1; i++) pairs[i] = merge(ids[i], ids[i + 1]);
    }
    while (n > 1) {
      long best = NONE;
      int at = -1;
      for (int i = 0; i < n - 1; i++) {
        if (pairs[i] < best) {
          best = pairs[i];
          at = i;
        }
      }
      if (at < 0) break;
      ids[at] = result(best);
      System.arraycopy(ids, at + 2, ids, at + 1, n - at - 2);
      if (lengths != null) {
        lengths[at] += lengths[at + 1];
        System.arraycopy(lengths, at + 2, lengths, at + 1, n - at - 2);
      }
      System.arraycopy(pairs, at + 1, pairs, at, n - at - 2);
      n--;
      if (at > 0) pairs[at - 1] = merge(ids[at - 1], ids[at]);
      if (at < n - 1) pairs[at] = merge(ids[at], ids[at + 1]);
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
    LongHeapPriorityQueue heap = new LongHeapPriorityQueue(n);
    for (int i = 0; i + 1 < n; i++) push(heap, ids, i, i + 1);
    boolean[] gone = new boolean[n];
    while (!heap.isEmpty()) {
      long top = heap.dequeueLong();
      int rank = (int) (top >>> 32);
      int at = (int) top;
      int right = next[at];
      if (gone[at] || right < 0) continue;
      long merge = merge(ids[at], ids[right]);
      if (merge == NONE || rank(merge) != rank) continue;
      ids[at] = result(merge);
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

  private void push(LongHeapPriorityQueue heap, int[] ids, int left, int right) {
    long merge = merge(ids[left], ids[right]);
    if (merge != NONE) heap.enqueue(((long) rank(merge) << 32) | left);
  }
}
