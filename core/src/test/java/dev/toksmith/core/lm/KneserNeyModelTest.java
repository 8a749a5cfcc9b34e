package dev.toksmith.core.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class KneserNeyModelTest {
  /*
   * Texts [1 2] [1 3] [1 2], ids below 4, so end-of-text is 4 and five ids are scored.
   * Bigrams with padding: (4 1)x3 (1 2)x2 (2 4)x2 (1 3)x1 (3 4)x1, so D2 = n1/(n1+2 n2) = 2/6.
   * Continuation counts: 1:1 2:1 3:1 4:2 (total 5, 4 types), so D1 = 3/(3+2) = 0.6 and
   * P1(w) = max(c'(w) - 0.6, 0)/5 + 0.6*4/5 * 1/5: P1(2) = 0.176, P1(0) = 0.096.
   * P(2 | 1) = (2 - 1/3)/3 + (1/3 * 2/3) P1(2) = 5.352/9; P(0 | 1) = 2/9 * 0.096.
   */
  private final KneserNeyModel model = KneserNeyModel.train(List.of(new int[] {1, 2}, new int[] {1, 3}, new int[] {1, 2}), 2, 4, null);

  @Test
  void interpolatedKneserNeyByHand() {
    assertEquals(5, model.vocabSize());
    assertEquals(4, model.endOfTextId());
    assertArrayEquals(new double[] {0.6, 1 / 3.0}, model.discounts(), 1e-15);
    double[] afterOne = model.nextLogProbs(new int[] {1});
    assertEquals(5.352 / 9, Math.exp(afterOne[2]), 1e-12);
    assertEquals(2 / 9.0 * 0.096, Math.exp(afterOne[0]), 1e-12);
    double[] afterZero = model.nextLogProbs(new int[] {0});
    assertEquals(0.176, Math.exp(afterZero[2]), 1e-12);
    assertEquals(0.096, Math.exp(afterZero[0]), 1e-12);
  }

  @Test
  void everyDistributionSumsToOne() {
    for (int[] context : List.of(new int[0], new int[] {1}, new int[] {0, 3}, new int[] {2, 1}, new int[] {4})) {
      double sum = 0;
      for (double lp : model.nextLogProbs(context)) sum += Math.exp(lp);
      assertEquals(1.0, sum, 1e-12);
    }
  }

  @Test
  void startOfTextIsPaddedWithEndOfText() {
    // At the start the history is end-of-text, after which 1 was seen three times: (3 - 1/3)/3 + ...
    double[] start = model.nextLogProbs(new int[0]);
    assertEquals((3 - 1 / 3.0) / 3 + (1 / 3.0) * (1 / 3.0) * (0.4 / 5 + 0.096), Math.exp(start[1]), 1e-12);
  }

  @Test
  void rejectsOrderZero() {
    assertThrows(IllegalArgumentException.class, () -> KneserNeyModel.train(List.of(), 0, 4, null));
  }
}
