package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private static Vocabulary of(Object... tokensAndIds) {
    Object2IntOpenHashMap<String> map = new Object2IntOpenHashMap<>();
    for (int i = 0; i < tokensAndIds.length; i += 2) map.put((String) tokensAndIds[i], (Integer) tokensAndIds[i + 1]);
    return new Vocabulary(map);
  }

  @Test
  void tokensComeInIdOrderWithGaps() {
    Vocabulary v = of("c", 5, "a", 0, "b", 2);
    assertEquals(List.of("a", "b", "c"), v.tokensInIdOrder());
    assertEquals(6, v.idBound());
    assertEquals(3, v.size());
    assertNull(v.token(1));
    assertEquals("c", v.token(5));
    assertEquals(2, v.id("b"));
    assertEquals(-1, v.id("z"));
  }

  @Test
  void tokensSharingAnIdAreRefusedNamingTheFirstTwoInCodePointOrder() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of("zeta", 1, "alpha", 1, "x", 0, "y", 2));
    assertEquals("tokens \"alpha\" and \"zeta\" have the same id 1", e.getMessage());
    // The array constructor the loaders use refuses them as well.
    e = assertThrows(IllegalArgumentException.class, () -> new Vocabulary(new String[] {"zeta", "x", "alpha"}, new int[] {1, 0, 1}, 3));
    assertEquals("tokens \"alpha\" and \"zeta\" have the same id 1", e.getMessage());
  }

  @Test
  void aTokenGivenTwiceToTheArrayConstructorKeepsItsLastId() {
    Vocabulary v = new Vocabulary(new String[] {"a", "b", "a", "unused"}, new int[] {0, 1, 2, 9}, 3);
    assertEquals(2, v.size());
    assertEquals(2, v.id("a"));
    assertNull(v.token(0));
    assertEquals(List.of("b", "a"), v.tokensInIdOrder());
  }

  @Test
  void negativeAndAbsurdIdsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> of("a", -1));
    assertThrows(IllegalArgumentException.class, () -> of("a", 1 << 28));
    assertThrows(IllegalArgumentException.class, () -> new Vocabulary(new String[] {"a"}, new int[] {-1}, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Vocabulary(new String[] {"a", "b"}, new int[] {0, Vocabulary.MAX_UNUSED_IDS + 2}, 2));
    assertEquals("an id of " + (Vocabulary.MAX_UNUSED_IDS + 2) + " for 2 tokens leaves " + (Vocabulary.MAX_UNUSED_IDS + 1) + " ids unused, more than the "
        + Vocabulary.MAX_UNUSED_IDS + " toksmith allows", e.getMessage());
    assertEquals(Vocabulary.MAX_UNUSED_IDS + 2, new Vocabulary(new String[] {"a", "b"}, new int[] {0, Vocabulary.MAX_UNUSED_IDS + 1}, 2).idBound());
  }

  /** The arguments of {@link Vocabulary#ofChars} for these tokens. */
  private static Vocabulary ofChars(String[] tokens, int[] ids) {
    return ofChars(tokens, ids, null);
  }

  /** The same, with the lookup table {@code slots} (null: hashed). */
  private static Vocabulary ofChars(String[] tokens, int[] ids, int[] slots) {
    int[] lengths = new int[tokens.length];
    StringBuilder chars = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) {
      lengths[i] = tokens[i].length();
      chars.append(tokens[i]);
    }
    char[] all = chars.toString().toCharArray();
    return slots == null ? Vocabulary.ofChars(all, lengths, ids) : Vocabulary.ofChars(all, lengths, ids, slots);
  }

  @Test
  void aVocabularyOfCharactersIsTheVocabularyOfTheirStrings() {
    java.util.Random random = new java.util.Random(14);
    for (int round = 0; round < 300; round++) {
      int n = random.nextInt(40);
      String[] tokens = new String[n];
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        // Few letters, so that tokens repeat; the empty token and a surrogate pair now and then.
        StringBuilder t = new StringBuilder();
        for (int k = random.nextInt(4); k > 0; k--) t.append(random.nextInt(20) == 0 ? "\uD83D\uDE00" : String.valueOf("abc".charAt(random.nextInt(3))));
        tokens[i] = t.toString();
        ids[i] = random.nextInt(round % 2 == 0 ? 4 * n + 1 : 1000);
      }
      Vocabulary strings;
      try {
        strings = new Vocabulary(tokens, ids, n);
      } catch (IllegalArgumentException e) {
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> ofChars(tokens, ids));
        assertEquals(e.getMessage(), same.getMessage());
        continue;
      }
      // Distinct tokens: also with the lookup table of the strings' vocabulary, as a cached entry keeps it.
      Vocabulary chars = strings.size() == n && round % 3 == 0 ? ofChars(tokens, ids, strings.slots()) : ofChars(tokens, ids);
      assertEquals(strings.size(), chars.size());
      assertEquals(strings.idBound(), chars.idBound());
      for (String t : tokens) {
        assertEquals(strings.id(t), chars.id(t), t);
        assertEquals(strings.id(t + "a"), chars.id(t + "a"), t + "a");
        char[] c = ("x" + t + "y").toCharArray();
        assertEquals(strings.id(c, 1, c.length - 1), chars.id(c, 1, c.length - 1), t);
      }
      // Before and after the strings are made.
      Vocabulary fresh = ofChars(tokens, ids);
      for (int id = -1; id <= strings.idBound(); id++) assertEquals(strings.token(id), chars.token(id), "id " + id);
      for (String t : tokens) assertEquals(strings.id(t), chars.id(t), t);
      assertEquals(strings.tokensInIdOrder(), fresh.tokensInIdOrder());
      java.util.Map<String, Integer> each = new java.util.HashMap<>();
      chars.forEach(each::put);
      java.util.Map<String, Integer> expected = new java.util.HashMap<>();
      strings.forEach(expected::put);
      assertEquals(expected, each);
    }
  }

  @Test
  void aLookupTableThatDoesNotFitIsRefused() {
    String[] tokens = {"a", "bc", "d"};
    int[] ids = {0, 1, 2};
    int[] slots = new Vocabulary(tokens, ids, 3).slots();
    assertEquals(1, ofChars(tokens, ids, slots).id("bc"));
    assertThrows(IllegalArgumentException.class, () -> ofChars(tokens, ids, java.util.Arrays.copyOf(slots, slots.length / 2)));
    int[] pastTheTokens = slots.clone();
    for (int i = 1; i < pastTheTokens.length; i += 2) if (pastTheTokens[i] != 0) pastTheTokens[i] = 4;
    assertThrows(IllegalArgumentException.class, () -> ofChars(tokens, ids, pastTheTokens));
    int[] oneLost = slots.clone();
    for (int i = 1; i < oneLost.length; i += 2) {
      if (oneLost[i] != 0) {
        oneLost[i] = 0;
        break;
      }
    }
    assertThrows(IllegalArgumentException.class, () -> ofChars(tokens, ids, oneLost));
    assertThrows(IllegalArgumentException.class, () -> ofChars(tokens, new int[] {0, 1, 1}, slots));
  }

  @Test
  void lengthsThatDoNotFitTheCharactersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofChars("abc".toCharArray(), new int[] {1, 1}, new int[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofChars("abc".toCharArray(), new int[] {2, 2}, new int[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofChars("abc".toCharArray(), new int[] {-1, 4}, new int[] {0, 1}));
  }
}
