package dev.toksmith.core.lm;

import dev.toksmith.api.ByteState;
import dev.toksmith.api.TokenLanguageModel;
import java.util.Arrays;

/**
 * Bits a model needs for a text, end-of-text included. Byte level reads the text byte by byte
 * through covers; token level sums the model's log-probabilities of the text's canonical ids. For a
 * model with no mass on non-canonical ids the two are equal (the byte-token representation lemma).
 */
public final class Scoring {
  private static final double LN2 = Math.log(2);

  private Scoring() {}

  /**
   * Bits for {@code text} read byte by byte from {@code state} at the start of a text: infinite when
   * some byte has no mass (as the token level's are then), since nothing can be read after it.
   */
  public static double byteLevelBits(ByteState state, byte[] text) {
    double nats = 0;
    for (byte b : text) {
      nats -= state.nextByteLogProbs()[b & 0xFF];
      if (nats == Double.POSITIVE_INFINITY) return nats;
      state.advance(b & 0xFF);
    }
    nats -= state.nextByteLogProbs()[ByteLevelModel.END];
    return nats / LN2;
  }

  /**
   * Bits for the ids of a text followed by end-of-text, read through one session: infinite as soon
   * as one id has no mass (the model is not asked about the contexts past it, which a masked model
   * need not answer).
   */
  public static double tokenLevelBits(TokenLanguageModel model, int[] ids) {
    TokenLanguageModel session = model.newSession();
    double nats = 0;
    for (int j = 0; j <= ids.length; j++) {
      int next = j < ids.length ? ids[j] : model.endOfTextId();
      nats -= session.nextLogProb(Arrays.copyOf(ids, j), next);
      if (nats == Double.POSITIVE_INFINITY) return nats;
    }
    return nats / LN2;
  }
}
