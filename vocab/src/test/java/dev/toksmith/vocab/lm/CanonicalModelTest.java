package dev.toksmith.vocab.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.TokenLanguageModel;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.core.lm.CanonicalModel;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.Scoring;
import dev.toksmith.core.lm.TokenBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Masking any model from outside gives what the n-gram model's own mask gives: the Kneser-Ney model
 * trained with a mask renormalises in probability space inside its smoothing, CanonicalModel in log
 * space around an unmasked one.
 */
class CanonicalModelTest {
  private static final String TEXT = "We hold these truths to be self-evident, that all men are created equal";

  @Test
  void maskingFromOutsideEqualsTheNgramModelsOwnMask() {
    Tokenizer small = ByteLevelProbabilitiesTest.trained(400);
    TokenBytes tokens = TokenBytes.of(small);
    KneserNeyModel masked = KneserNeyModel.train(ByteLevelProbabilitiesTest.trainingTexts(small), 3, small.idBound(), tokens);
    KneserNeyModel unmasked = KneserNeyModel.train(ByteLevelProbabilitiesTest.trainingTexts(small), 3, small.idBound(), null);
    CanonicalModel wrapped = new CanonicalModel(unmasked, tokens);
    int[] ids = small.encodeIds(TEXT);
    TokenLanguageModel session = wrapped.newSession();
    int pruned = 0;
    for (int j = 0; j <= ids.length; j++) {
      int[] context = Arrays.copyOf(ids, j);
      double[] expected = masked.nextLogProbs(context);
      double[] actual = wrapped.nextLogProbs(context);
      double[] viaSession = session.nextLogProbs(context);
      for (int v = 0; v < expected.length; v++) {
        if (expected[v] == Double.NEGATIVE_INFINITY) {
          assertEquals(Double.NEGATIVE_INFINITY, actual[v], "id " + v + " after " + j + " ids");
          pruned++;
        } else {
          assertEquals(expected[v], actual[v], 1e-12, "id " + v + " after " + j + " ids");
        }
        assertEquals(actual[v], viaSession[v]);
      }
    }
    assertTrue(pruned > ids.length, "the mask removes ids: " + pruned);
    double tokenBits = Scoring.tokenLevelBits(wrapped, ids);
    assertEquals(tokenBits, Scoring.byteLevelBits(new ByteLevelModel(wrapped, tokens).start(new byte[0]), TEXT.getBytes(StandardCharsets.UTF_8)), 1e-9);
    assertTrue(tokenBits < Scoring.tokenLevelBits(unmasked, ids), "renormalising over canonical ids raises their probability");
  }

  @Test
  void refusesATokenizerLargerThanTheModel() {
    Tokenizer small = ByteLevelProbabilitiesTest.trained(400);
    KneserNeyModel tiny = KneserNeyModel.train(java.util.List.of(new int[] {1, 2}), 2, 10, null);
    assertThrows(IllegalArgumentException.class, () -> new CanonicalModel(tiny, TokenBytes.of(small)));
  }
}
