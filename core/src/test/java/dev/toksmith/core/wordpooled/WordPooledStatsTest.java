package dev.toksmith.core.wordpooled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.api.WordPooledStats;
import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.core.wordpooled.UnitWordPooledTokenizer;
import org.junit.jupiter.api.Test;

class WordPooledStatsTest {
  @Test
  void measuresWordsUnitsAndOverflowByHand() {
    WordPooledStats stats = new WordPooledStats(UnitWordPooledTokenizer.bytes(3, 2));
    // Words "ab" (2 bytes), " cdef" (5, overflows 3), "." (1); then "é" (2 bytes).
    stats.add("ab cdef.");
    stats.add("é");
    assertEquals(9, stats.characters());
    assertEquals(4, stats.words());
    // " cdef" takes rows " cd" and "ef": 5 rows, 10 units.
    assertEquals(5, stats.rows());
    assertEquals(10, stats.units());
    assertEquals(4.0 / 9, stats.wordsPerCharacter(), 1e-12);
    assertEquals(10.0 / 4, stats.meanUnitsPerWord(), 1e-12);
    // Sorted counts 1 2 2 5; nearest rank ceil(0.95 * 4) = 4 -> 5.
    assertEquals(5, stats.p95UnitsPerWord());
    assertEquals(1, stats.overflowingWords());
    assertEquals(0.25, stats.overflowShare(), 1e-12);
  }

  @Test
  void percentileIsTheSmallestCountCoveringNinetyFivePercent() {
    WordPooledStats stats = new WordPooledStats(UnitWordPooledTokenizer.codePoints(8, 0));
    // One word of 3 letters and 19 commas: rank ceil(0.95 * 20) = 19 -> 1.
    stats.add("xyz" + ",".repeat(19));
    assertEquals(20, stats.words());
    assertEquals(1, stats.p95UnitsPerWord());
    assertEquals(0, stats.overflowingWords());
  }

  @Test
  void noTextGivesZeros() {
    WordPooledStats stats = new WordPooledStats(UnitWordPooledTokenizer.bytes(3, 0));
    assertEquals(0, stats.wordsPerCharacter());
    assertEquals(0, stats.p95UnitsPerWord());
    assertEquals(0, stats.overflowShare());
  }
}
