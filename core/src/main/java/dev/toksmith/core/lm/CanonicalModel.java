package dev.toksmith.core.lm;

import dev.toksmith.api.TokenLanguageModel;
import java.util.BitSet;

/**
 * Any token model restricted to canonical id sequences, by construction: after a canonical context,
 * the model's next-token distribution renormalised over the ids that keep the sequence canonical
 * (those {@link TokenBytes#validNext} allows) and end-of-text; every other id gets no mass.
 *
 * <p>A neural LM gives some mass to sequences its tokenizer never produces (" hel" + "lo" where the
 * tokenizer writes " hello"); {@link ByteLevelModel} is exact only for a model that gives them none.
 * This model is that model: the locally renormalised distribution of Vieira et al. ("Language Models
 * over Canonical Byte-Pair Encodings", ICML 2025), so its token-level scores of a text's canonical
 * ids equal its byte-level scores of the text. It is a different distribution from the wrapped
 * model's: a canonical sequence gets at least the wrapped model's probability, since each step
 * divides by the canonical share of the mass, which is at most one.
 *
 * <p>Contexts must be canonical (what {@link ByteLevelModel}, {@link Scoring} and {@link Completion}
 * ask). Immutable and thread-safe when the wrapped model is; its sessions mask the wrapped
 * model's sessions.
 */
public final class CanonicalModel implements TokenLanguageModel {
  private final TokenLanguageModel model;
  private final TokenBytes tokens;

  public CanonicalModel(TokenLanguageModel model, TokenBytes tokens) {
    if (model.vocabSize() < tokens.idBound()) {
      throw new IllegalArgumentException("the model scores " + model.vocabSize() + " ids but the tokenizer has " + tokens.idBound());
    }
    this.model = model;
    this.tokens = tokens;
  }

  /** The unrestricted model. */
  public TokenLanguageModel model() {
    return model;
  }

  @Override
  public int vocabSize() {
    return model.vocabSize();
  }

  @Override
  public int endOfTextId() {
    return model.endOfTextId();
  }

  @Override
  public double[] nextLogProbs(int[] context) {
    return mask(context, model.nextLogProbs(context));
  }

  /** The mask over the wrapped model's session (this model when that keeps nothing). */
  @Override
  public TokenLanguageModel newSession() {
    TokenLanguageModel session = model.newSession();
    return session == model ? this : new CanonicalModel(session, tokens);
  }

  private double[] mask(int[] context, double[] logProbs) {
    BitSet valid = tokens.validNext(context);
    int eos = model.endOfTextId();
    double[] out = new double[logProbs.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < out.length; v++) {
      out[v] = v == eos || valid.get(v) ? logProbs[v] : Double.NEGATIVE_INFINITY;
      max = Math.max(max, out[v]);
    }
    if (max == Double.NEGATIVE_INFINITY) throw new IllegalStateException("the model gives no mass to any canonical continuation");
    double sum = 0;
    for (double x : out) sum += Math.exp(x - max);
    double total = max + Math.log(sum);
    for (int v = 0; v < out.length; v++) out[v] -= total;
    return out;
  }
}
