package dev.toksmith.core.merging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairMergerTest {
  private static final PairMerger.Validity ANY = (row, from, mid, to) -> true;

  private static long key(int a, int b) {
    return (long) a << 32 | b;
  }

  private static Long2IntMap counts(long... keyCountPairs) {
    Long2IntOpenHashMap m = new Long2IntOpenHashMap();
    for (int i = 0; i < keyCountPairs.length; i += 2) m.put(keyCountPairs[i], (int) keyCountPairs[i + 1]);
    return m;
  }

  @Test
  void handComputedBatch() {
    PairMerger m = new PairMerger(new int[][] {{1, 2, 1, 2, 3}, {3, 1, 2}, {4, 4, 4, 4}}, 10, ANY);
    // (4,4): a run of four holds two non-overlapping occurrences, not three.
    assertEquals(counts(key(1, 2), 3, key(2, 1), 1, key(2, 3), 1, key(3, 1), 1, key(4, 4), 2), m.counts());
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(10, 1, 2, 3), m.merges().get(0));
    assertArrayEquals(new int[] {10, 10, 3}, m.row(0));
    assertArrayEquals(new int[] {3, 10}, m.row(1));
    assertEquals(counts(key(10, 10), 1, key(10, 3), 1, key(3, 10), 1, key(4, 4), 2), m.counts());
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(11, 4, 4, 2), m.merges().get(1));
    assertArrayEquals(new int[] {11, 11}, m.row(2));
    // Four pairs seen once each: row-major order decides.
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(12, 10, 10, 1), m.merges().get(2));
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(13, 12, 3, 1), m.merges().get(3));
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(14, 3, 10, 1), m.merges().get(4));
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(15, 11, 11, 1), m.merges().get(5));
    assertFalse(m.mergeNext());
    assertArrayEquals(new int[] {13}, m.row(0));
    assertArrayEquals(new int[] {14}, m.row(1));
    assertArrayEquals(new int[] {15}, m.row(2));
    assertEquals(3, m.length());
    assertEquals(counts(), m.counts());
  }

  @Test
  void overlappingRunsDoNotOutrankRealPairs() {
    // Counting overlaps, (5,5) would have 2 and be seen first; it can merge only once.
    PairMerger m = new PairMerger(new int[][] {{5, 5, 5}, {6, 7, 6, 7}}, 10, ANY);
    assertEquals(counts(key(5, 5), 1, key(6, 7), 2, key(7, 6), 1), m.counts());
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(10, 6, 7, 2), m.merges().get(0));
    assertTrue(m.mergeNext());
    assertEquals(new PairMerger.Merge(11, 5, 5, 1), m.merges().get(1));
    assertArrayEquals(new int[] {11, 5}, m.row(0));
  }

  @Test
  void oddRunsLeaveTheLastSymbol() {
    PairMerger m = new PairMerger(new int[][] {{4, 4, 4, 4, 4}}, 10, ANY);
    assertEquals(counts(key(4, 4), 2), m.counts());
    assertTrue(m.mergeNext());
    assertArrayEquals(new int[] {10, 10, 4}, m.row(0));
    assertEquals(counts(key(10, 10), 1, key(10, 4), 1), m.counts());
  }

  @Test
  void invalidAdjacenciesNeitherCountNorMerge() {
    int[][] words = {{0, 0, 1, 1}, {0, 1}, {0, 0, 0, 1}};
    PairMerger.Validity sameWord = (row, from, mid, to) -> words[row][from] == words[row][to - 1];
    PairMerger m = new PairMerger(new int[][] {{4, 4, 4, 4}, {2, 1}, {4, 4, 4, 4}}, 10, sameWord);
    // Row 0 holds two separate runs of two; row 2 one run of three (one occurrence); (2,1) crosses words.
    assertEquals(counts(key(4, 4), 3), m.counts());
    assertTrue(m.mergeNext());
    assertArrayEquals(new int[] {10, 10}, m.row(0));
    assertArrayEquals(new int[] {2, 1}, m.row(1));
    assertArrayEquals(new int[] {10, 4, 4}, m.row(2));
    assertEquals(counts(key(10, 4), 1), m.counts());
    assertTrue(m.mergeNext());
    assertFalse(m.mergeNext());
    assertArrayEquals(new int[] {11, 4}, m.row(2));
  }

  @Test
  void emptyRowsAndNoPairs() {
    PairMerger m = new PairMerger(new int[][] {{}, {7}, {}}, 10, ANY);
    assertFalse(m.mergeNext());
    assertArrayEquals(new int[] {}, m.row(0));
    assertArrayEquals(new int[] {7}, m.row(1));
    assertEquals(1, m.length());
  }

  /**
   * Property: after every merge the incremental counts equal a full recount, and the merge chosen
   * and the sequences equal those of a naive implementation that recounts everything each time.
   */
  @Test
  void incrementalCountsEqualAFullRecountAfterEveryMerge() {
    Random random = new Random(8);
    for (int trial = 0; trial < 300; trial++) {
      int rows = 1 + random.nextInt(6);
      int alphabet = 1 + random.nextInt(4);
      int[][] ids = new int[rows][];
      int[][] words = new int[rows][];
      for (int r = 0; r < rows; r++) {
        int n = random.nextInt(alphabet == 1 ? 60 : 25);
        ids[r] = new int[n];
        words[r] = new int[n];
        int word = 0;
        for (int i = 0; i < n; i++) {
          ids[r][i] = random.nextInt(alphabet);
          if (i > 0 && random.nextInt(5) == 0) word++;
          words[r][i] = word;
        }
      }
      boolean everywhere = trial % 3 == 0;
      PairMerger.Validity validity = everywhere ? ANY : (row, from, mid, to) -> words[row][from] == words[row][to - 1];
      // New ids right after the base ids: the last base id and the first new one are neighbours.
      PairMerger merger = new PairMerger(ids, alphabet, validity);
      Naive naive = new Naive(ids, validity);
      for (int step = 0; ; step++) {
        String where = "trial " + trial + " step " + step;
        assertEquals(naive.counts(), merger.counts(), where);
        long best = naive.best();
        if (best < 0) {
          assertFalse(merger.mergeNext(), where);
          break;
        }
        assertTrue(merger.mergeNext(), where);
        PairMerger.Merge merge = merger.merges().get(step);
        assertEquals(best, key(merge.left(), merge.right()), where);
        assertEquals(naive.counts().get(best), merge.count(), where);
        naive.merge(best, alphabet + step);
        for (int r = 0; r < rows; r++) assertArrayEquals(naive.row(r), merger.row(r), where + " row " + r);
      }
    }
  }

  /** Recounts everything each time, scanning row-major, merging greedily left to right. */
  private static final class Naive {
    record Symbol(int id, int from, int to) {}

    final List<List<Symbol>> rows = new ArrayList<>();
    final PairMerger.Validity validity;

    Naive(int[][] ids, PairMerger.Validity validity) {
      this.validity = validity;
      for (int[] row : ids) {
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < row.length; i++) symbols.add(new Symbol(row[i], i, i + 1));
        rows.add(symbols);
      }
    }

    boolean valid(int r, Symbol a, Symbol b) {
      return validity.valid(r, a.from, a.to, b.to);
    }

    /** Non-overlapping counts: an occurrence right after a counted one of the same pair overlaps it. */
    Long2IntMap counts() {
      Long2IntOpenHashMap counts = new Long2IntOpenHashMap();
      for (int r = 0; r < rows.size(); r++) {
        List<Symbol> s = rows.get(r);
        long previous = -1;
        for (int i = 0; i + 1 < s.size(); i++) {
          long key = key(s.get(i).id, s.get(i + 1).id);
          if (!valid(r, s.get(i), s.get(i + 1)) || key == previous) {
            previous = -1;
            continue;
          }
          counts.addTo(key, 1);
          previous = s.get(i).id == s.get(i + 1).id ? key : -1;
        }
      }
      return counts;
    }

    /** The most frequent pair, the first seen among equals; -1 for none. */
    long best() {
      Long2IntMap counts = counts();
      long best = -1;
      for (int r = 0; r < rows.size(); r++) {
        List<Symbol> s = rows.get(r);
        for (int i = 0; i + 1 < s.size(); i++) {
          if (!valid(r, s.get(i), s.get(i + 1))) continue;
          long key = key(s.get(i).id, s.get(i + 1).id);
          if (best < 0 || counts.get(key) > counts.get(best)) best = key;
        }
      }
      return best;
    }

    void merge(long pair, int id) {
      for (int r = 0; r < rows.size(); r++) {
        List<Symbol> s = rows.get(r);
        List<Symbol> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
          if (i + 1 < s.size() && key(s.get(i).id, s.get(i + 1).id) == pair && valid(r, s.get(i), s.get(i + 1))) {
            out.add(new Symbol(id, s.get(i).from, s.get(i + 1).to));
            i++;
          } else {
            out.add(s.get(i));
          }
        }
        rows.set(r, out);
      }
    }

    int[] row(int r) {
      return rows.get(r).stream().mapToInt(Symbol::id).toArray();
    }
  }
}
