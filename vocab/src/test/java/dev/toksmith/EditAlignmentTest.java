package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Alignments worked out by hand, and distances and paths checked against the full table on long texts. */
class EditAlignmentTest {

  @Test
  void insertionSpreadsOneCleanPositionOverSeveralNoisyOnes() {
    // abc -> aXbc: X inserted at clean position 1, which lines up with noisy positions 1 and 2.
    EditAlignment a = EditAlignment.of("abc", "aXbc");
    assertEquals(1, a.distance());
    assertRuns(a, new int[][] {{0, 0}, {1, 2}, {3, 3}, {4, 4}});
  }

  @Test
  void deletionMapsSeveralCleanPositionsToOneNoisyOne() {
    // abc -> ac: b deleted, so clean positions 1 and 2 both line up with noisy position 1.
    EditAlignment a = EditAlignment.of("abc", "ac");
    assertEquals(1, a.distance());
    assertRuns(a, new int[][] {{0, 0}, {1, 1}, {1, 1}, {2, 2}});
  }

  @Test
  void substitutionKeepsPositionsInStep() {
    EditAlignment a = EditAlignment.of("5enate", "Senate");
    assertEquals(1, a.distance());
    for (int i = 0; i <= 6; i++) assertEquals(i, a.firstNoisy(i));
    assertEquals(3, EditAlignment.of("kitten", "sitting").distance());
  }

  @Test
  void codePointsNotCharsAreAligned() {
    // One substitution of a supplementary character for another, not two of UTF-16 units.
    EditAlignment a = EditAlignment.of("a😀b", "a😁b");
    assertEquals(1, a.distance());
    assertRuns(a, new int[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}});
  }

  @Test
  void emptySides() {
    EditAlignment toEmpty = EditAlignment.of("abc", "");
    assertEquals(3, toEmpty.distance());
    assertRuns(toEmpty, new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, 0}});
    EditAlignment fromEmpty = EditAlignment.of("", "ab");
    assertEquals(2, fromEmpty.distance());
    assertRuns(fromEmpty, new int[][] {{0, 2}});
  }

  /**
   * Long texts whose distance exceeds the first band, so that the band doubles, and whose length
   * exceeds one checkpoint block: the distance equals the full table's, and the path the runs
   * describe is a valid alignment of exactly that cost.
   */
  @Test
  void longNoisyTextsMatchTheFullTable() {
    Random random = new Random(5);
    for (int trial = 0; trial < 6; trial++) {
      int[] clean = random.ints(1500 + random.nextInt(500), 'a', 'h').toArray();
      int[] noisy = addNoise(clean, random, 0.02 + trial * 0.03);
      EditAlignment a = EditAlignment.of(clean, noisy);
      assertEquals(fullTableDistance(clean, noisy), a.distance(), "trial " + trial);
      assertEquals(a.distance(), pathCost(a, clean, noisy), "trial " + trial);
    }
    int[] unrelated = random.ints(700, 'a', 'c').toArray();
    int[] other = random.ints(400, 'x', 'z').toArray();
    assertEquals(fullTableDistance(unrelated, other), EditAlignment.of(unrelated, other).distance());
  }

  private static void assertRuns(EditAlignment a, int[][] runs) {
    for (int i = 0; i < runs.length; i++) {
      assertEquals(runs[i][0], a.firstNoisy(i), "first noisy position of clean position " + i);
      assertEquals(runs[i][1], a.lastNoisy(i), "last noisy position of clean position " + i);
    }
  }

  private static int[] addNoise(int[] text, Random random, double rate) {
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int cp : text) {
      double r = random.nextDouble();
      if (r < rate) continue;
      if (r < 2 * rate) out.add((int) 'z');
      else out.add(cp);
      if (random.nextDouble() < rate) out.add((int) 'y');
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The textbook full table, two rows at a time. */
  private static int fullTableDistance(int[] a, int[] b) {
    int[] previous = new int[b.length + 1];
    int[] current = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) previous[j] = j;
    for (int i = 1; i <= a.length; i++) {
      current[0] = i;
      for (int j = 1; j <= b.length; j++) {
        current[j] = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length];
  }

  /** The cost of the path the runs describe, failing if they describe no valid path. */
  private static int pathCost(EditAlignment a, int[] clean, int[] noisy) {
    assertEquals(0, a.firstNoisy(0));
    assertEquals(noisy.length, a.lastNoisy(clean.length));
    int cost = a.lastNoisy(0) - a.firstNoisy(0);
    for (int i = 1; i <= clean.length; i++) {
      int step = a.firstNoisy(i) - a.lastNoisy(i - 1);
      if (step == 1) cost += clean[i - 1] == noisy[a.firstNoisy(i) - 1] ? 0 : 1;
      else if (step == 0) cost += 1;
      else throw new AssertionError("clean position " + i + " jumps " + step + " noisy positions");
      cost += a.lastNoisy(i) - a.firstNoisy(i);
    }
    return cost;
  }
}
