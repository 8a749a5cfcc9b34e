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
}
