package dev.toksmith.core.merging;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue;
import it.unimi.dsi.fastutil.longs.LongComparators;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the most frequent adjacent pair of a batch of id sequences, again and again, keeping the
 * pair counts up to date incrementally (each merge touches only the neighbourhoods of the merged
 * occurrences, never the whole batch).
 *
 * <p>Counts are of non-overlapping occurrences, as a left-to-right merge replaces them: a run of
 * {@code k+1} equal symbols holds {@code ceil(k/2)} occurrences of the pair of that symbol with itself.
 * Only adjacencies {@link Validity#valid valid} when they formed count and merge. Ties between equally
 * frequent pairs go to the pair seen first in a row-major scan of the current sequences.
 *
 * <p>Positions are base-token indices into the batch laid out row after row; a symbol lives at the
 * position of its first base token (its head) and covers base tokens {@code [head, end[head])}.
 * Not thread-safe; one instance merges one batch.
 */
public final class PairMerger {
  /** Decides whether two adjacent symbols may merge, from the base tokens they cover in their row. */
  @FunctionalInterface
  public interface Validity {
    /** Whether base tokens {@code [from, mid)} and {@code [mid, to)} of row {@code row} may become one. */
    boolean valid(int row, int from, int mid, int to);
  }

  /** One merge: the new symbol {@code id} replaced {@code count} occurrences of {@code (left, right)}. */
  public record Merge(int id, int left, int right, int count) {}

  private static final int DEAD = -1;

  private final Validity validity;
  private final int[] rowStart;
  private final int[] rowOf;
  private final int[] sym;
  private final int[] prev;
  private final int[] next;
  private final int[] end;
  /** Whether the adjacency at a head (its symbol and the next) is valid, counted and listed. */
  private final boolean[] live;
  /** The pair index of a live adjacency. */
  private final int[] pairAt;

  private final Long2IntOpenHashMap pairIndex = new Long2IntOpenHashMap();
  private final IntArrayList counts = new IntArrayList();
  /** Per pair, the heads where it formed, ascending (entries go stale, never come back). */
  private final List<IntArrayList> occurrences = new ArrayList<>();
  /** Per pair, how many leading entries of its occurrences are known stale. */
  private final IntArrayList staleBefore = new IntArrayList();
  /** Entries {@code count << 32 | ~head}: the largest is the most frequent pair, seen first. */
  private final LongHeapPriorityQueue heap = new LongHeapPriorityQueue(LongComparators.OPPOSITE_COMPARATOR);
  private final IntArrayList touched = new IntArrayList();
  private final IntArrayList touchedMark = new IntArrayList();
  private int step;
  /** During a merge: the pair being merged, whose count ends at zero. */
  private int merging = -1;
  /** The head of the last adjacency of a symbol with itself formed left to right, and the run it ends. */
  private int newRunEnd = -1;
  private int newRunLength;

  private final List<Merge> merges = new ArrayList<>();
  private int nextId;
  private long length;

  /**
   * @param rows the base ids of each sequence (not modified)
   * @param firstNewId the id of the first merged symbol; later ones follow
   */
  public PairMerger(int[][] rows, int firstNewId, Validity validity) {
    this.validity = validity;
    this.nextId = firstNewId;
    rowStart = new int[rows.length + 1];
    for (int r = 0; r < rows.length; r++) rowStart[r + 1] = Math.addExact(rowStart[r], rows[r].length);
    int n = rowStart[rows.length];
    length = n;
    rowOf = new int[n];
    sym = new int[n];
    prev = new int[n];
    next = new int[n];
    end = new int[n];
    live = new boolean[n];
    pairAt = new int[n];
    for (int r = 0; r < rows.length; r++) {
      int start = rowStart[r];
      for (int i = 0; i < rows[r].length; i++) {
        int p = start + i;
        if (rows[r][i] < 0 || rows[r][i] >= firstNewId) throw new IllegalArgumentException("base id " + rows[r][i] + " is outside 0.." + (firstNewId - 1));
        rowOf[p] = r;
        sym[p] = rows[r][i];
        prev[p] = i == 0 ? -1 : p - 1;
        next[p] = i == rows[r].length - 1 ? -1 : p + 1;
        end[p] = p + 1;
      }
    }
    step = 1;
    for (int p = 0; p < n; p++) if (next[p] != -1) addAdjacency(p);
    pushTouched();
  }

  /**
   * Merges the most frequent valid pair everywhere it occurs (non-overlapping, left to right).
   *
   * @return false, changing nothing, when no valid pair is left
   */
  public boolean mergeNext() {
    while (!heap.isEmpty()) {
      long entry = heap.dequeueLong();
      int count = (int) (entry >>> 32);
      int head = ~(int) entry;
      if (!live[head]) continue;
      int pair = pairAt[head];
      if (counts.getInt(pair) == count && firstOccurrence(pair) == head) {
        merge(pair, sym[head], sym[next[head]], count);
        return true;
      }
    }
    return false;
  }

  private void merge(int pair, int left, int right, int count) {
    int id = nextId++;
    step++;
    merging = pair;
    newRunEnd = -1;
    IntArrayList heads = occurrences.get(pair);
    for (int i = staleBefore.getInt(pair); i < heads.size(); i++) {
      int p = heads.getInt(i);
      if (!live[p] || sym[p] != left || sym[next[p]] != right) continue;
      int q = next[p];
      int x = prev[p];
      int y = next[q];
      if (x != -1 && live[x]) removeAdjacency(x);
      if (live[q]) removeAdjacency(q);
      removeAdjacency(p);
      sym[p] = id;
      end[p] = end[q];
      next[p] = y;
      if (y != -1) prev[y] = p;
      sym[q] = DEAD;
      prev[q] = -1;
      next[q] = -1;
      length--;
      if (x != -1) addAdjacency(x);
      if (y != -1) addAdjacency(p);
    }
    // Every occurrence merged, or lost a symbol to a neighbouring occurrence (in a run of one symbol).
    counts.set(pair, 0);
    merging = -1;
    pushTouched();
    merges.add(new Merge(id, left, right, count));
  }

  /** Uncounts the (live) adjacency at {@code p}, before its symbols change. */
  private void removeAdjacency(int p) {
    int pair = pairAt[p];
    live[p] = false;
    // The merged pair's count is reset once the merge is done.
    if (pair == merging) return;
    int a = sym[p];
    int delta;
    if (a == sym[next[p]]) {
      int left = runLeft(p, a);
      int right = runRight(p, a);
      delta = half(left) + half(right) - half(left + 1 + right);
    } else {
      delta = -1;
    }
    counts.set(pair, counts.getInt(pair) + delta);
    touch(pair);
  }

  /** Counts the adjacency at {@code p} if it is valid. */
  private void addAdjacency(int p) {
    int q = next[p];
    int row = rowOf[p];
    int base = rowStart[row];
    if (!validity.valid(row, p - base, q - base, end[q] - base)) return;
    int a = sym[p];
    int b = sym[q];
    long key = key(a, b);
    int pair = pairIndex.getOrDefault(key, -1);
    if (pair < 0) {
      pair = counts.size();
      pairIndex.put(key, pair);
      counts.add(0);
      occurrences.add(new IntArrayList(2));
      staleBefore.add(0);
      touchedMark.add(0);
    }
    int delta;
    if (a == b && (merging < 0 || a == nextId - 1)) {
      // Runs that form left to right (all at the start, the new symbol's in its merge) grow at
      // their right end only: no walk along them, which would be quadratic in a long run.
      newRunLength = prev[p] != -1 && prev[p] == newRunEnd ? newRunLength + 1 : 1;
      newRunEnd = p;
      delta = newRunLength % 2;
    } else if (a == b) {
      int left = runLeft(p, a);
      int right = runRight(p, a);
      delta = half(left + 1 + right) - half(left) - half(right);
    } else {
      delta = 1;
    }
    live[p] = true;
    pairAt[p] = pair;
    occurrences.get(pair).add(p);
    counts.set(pair, counts.getInt(pair) + delta);
    touch(pair);
  }

  /** Live {@code (s, s)} adjacencies directly left of the one at {@code p}. */
  private int runLeft(int p, int s) {
    int n = 0;
    for (int t = prev[p]; t != -1 && live[t] && sym[t] == s; t = prev[t]) n++;
    return n;
  }

  /** Live {@code (s, s)} adjacencies directly right of the one at {@code p}. */
  private int runRight(int p, int s) {
    int n = 0;
    for (int t = next[p]; t != -1 && live[t] && sym[t] == s && sym[next[t]] == s; t = next[t]) n++;
    return n;
  }

  /** Non-overlapping occurrences in a chain of {@code k} adjacencies of one symbol with itself. */
  private static int half(int k) {
    return (k + 1) / 2;
  }

  private void touch(int pair) {
    if (touchedMark.getInt(pair) != step) {
      touchedMark.set(pair, step);
      touched.add(pair);
    }
  }

  private void pushTouched() {
    for (int i = 0; i < touched.size(); i++) {
      int pair = touched.getInt(i);
      int count = counts.getInt(pair);
      if (count > 0) heap.enqueue((long) count << 32 | (~firstOccurrence(pair) & 0xFFFFFFFFL));
    }
    touched.clear();
  }

  /** The first live head of {@code pair} in row-major order; skips stale entries for good. */
  private int firstOccurrence(int pair) {
    IntArrayList heads = occurrences.get(pair);
    int i = staleBefore.getInt(pair);
    while (i < heads.size() && !isOccurrence(heads.getInt(i), pair)) i++;
    staleBefore.set(pair, i);
    return i < heads.size() ? heads.getInt(i) : -1;
  }

  private boolean isOccurrence(int p, int pair) {
    return live[p] && pairAt[p] == pair;
  }

  private static long key(int a, int b) {
    return (long) a << 32 | (b & 0xFFFFFFFFL);
  }

  /** The merges done so far, in order. */
  public List<Merge> merges() {
    return List.copyOf(merges);
  }

  /** Number of symbols in all rows now. */
  public long length() {
    return length;
  }

  /** Number of rows. */
  public int rows() {
    return rowStart.length - 1;
  }

  /** The current symbols of row {@code r}. */
  public int[] row(int r) {
    IntArrayList ids = new IntArrayList();
    for (int p = rowStart[r] < rowStart[r + 1] ? rowStart[r] : -1; p != -1; p = next[p]) ids.add(sym[p]);
    return ids.toIntArray();
  }

  /** The current non-zero count of every pair, keyed {@code left << 32 | right}; for tests. */
  Long2IntMap counts() {
    Long2IntOpenHashMap result = new Long2IntOpenHashMap();
    for (Long2IntMap.Entry e : pairIndex.long2IntEntrySet()) {
      int count = counts.getInt(e.getIntValue());
      if (count != 0) result.put(e.getLongKey(), count);
    }
    return result;
  }
}
