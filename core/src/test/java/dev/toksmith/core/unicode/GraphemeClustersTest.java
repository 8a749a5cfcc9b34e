package dev.toksmith.core.unicode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Checks the cluster rules against ICU4J's implementation of UAX #29 on random text made of characters
 * of every Grapheme_Cluster_Break, Extended_Pictographic and Indic_Conjunct_Break value. Only characters
 * assigned in Unicode 16.0 whose properties the table takes unchanged from ICU are used (not the
 * consonants and viramas that Unicode 17 added to Indic_Conjunct_Break, nor U+11A3A, a Prepend before
 * Unicode 17), so this checks the rules and
 * the table's packing; the reference tests of the Precompiled normalizer check the data against the
 * reference itself.
 */
class GraphemeClustersTest {
  @Test
  void clustersAsIcu() {
    int[][] classes = characterClasses();
    Random random = new Random(29);
    BreakIterator icu = BreakIterator.getCharacterInstance();
    for (int t = 0; t < 50_000; t++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(10);
      for (int k = 0; k < length; k++) {
        int[] members = classes[random.nextInt(classes.length)];
        text.appendCodePoint(members[random.nextInt(members.length)]);
      }
      String s = text.toString();
      icu.setText(s);
      List<Integer> expected = new ArrayList<>();
      for (int b = icu.next(); b != BreakIterator.DONE; b = icu.next()) expected.add(b);
      List<Integer> actual = new ArrayList<>();
      for (int at = 0; at < s.length(); ) actual.add(at = GraphemeClusters.clusterEnd(s, at));
      assertEquals(expected, actual, () -> hex(s));
    }
  }

  /** Rust strings cannot hold lone surrogates; they are Other (the crate's Any), so marks join them. */
  @Test
  void loneSurrogatesAreOther() {
    assertEquals(2, GraphemeClusters.clusterEnd("\uD800\u0301", 0));
    assertEquals(1, GraphemeClusters.clusterEnd("\uDC00a", 0));
    assertEquals(1, GraphemeClusters.clusterEnd("\uDC00\uD800", 0));
  }

  /** The characters of each combination of the three properties, assigned in Unicode 16.0. */
  private static int[][] characterClasses() {
    Map<String, List<Integer>> byClass = new TreeMap<>();
    IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
        .filter(cp -> UnicodeTableGenerator.isAssignedIn(cp, UnicodeTableGenerator.SEGMENTATION_VERSION))
        .filter(UnicodeTableGenerator::segmentationAsIcu)
        .forEach(cp -> {
          String key = UCharacter.getIntPropertyValue(cp, UProperty.GRAPHEME_CLUSTER_BREAK)
              + "/" + UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
              + "/" + UCharacter.getIntPropertyValue(cp, UProperty.INDIC_CONJUNCT_BREAK);
          byClass.computeIfAbsent(key, k -> new ArrayList<>()).add(cp);
        });
    return byClass.values().stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  private static String hex(String text) {
    StringBuilder hex = new StringBuilder();
    text.codePoints().forEach(cp -> hex.append(hex.length() > 0 ? " " : "").append(String.format("%04X", cp)));
    return hex.toString();
  }
}
