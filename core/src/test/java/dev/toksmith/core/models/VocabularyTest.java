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
  void tokensSharingAnIdAreListedInCodeUnitOrderAndTheFirstAnswers() {
    Vocabulary v = of("zeta", 1, "alpha", 1, "mid", 1, "x", 0, "y", 2);
    assertEquals(List.of("x", "alpha", "mid", "zeta", "y"), v.tokensInIdOrder());
    assertEquals("alpha", v.token(1));
    assertEquals(5, v.size());
  }

  @Test
  void negativeAndAbsurdIdsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> of("a", -1));
    assertThrows(IllegalArgumentException.class, () -> of("a", 1 << 28));
  }
}
