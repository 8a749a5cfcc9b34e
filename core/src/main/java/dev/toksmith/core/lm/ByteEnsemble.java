package dev.toksmith.core.lm;

import dev.toksmith.api.ByteLevelLanguageModel;
import dev.toksmith.api.ByteState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several byte-level models, whatever their tokenizers, combined byte by byte. A {@link
 * Kind#MIXTURE} is the Bayesian mixture: each model's weight is its prior times the probability it
 * gave the bytes so far, so {@code P(b | x) = sum_k w_k P_k(x) P_k(b | x) / sum_k w_k P_k(x)}. A
 * {@link Kind#PRODUCT} multiplies the models' next-byte distributions and renormalises.
 */
public final class ByteEnsemble implements ByteLevelLanguageModel {
  /** How the models' distributions combine. */
  public enum Kind {
    MIXTURE,
    PRODUCT
  }

  private final List<ByteLevelModel> models;
  private final double[] logPriors;
  private final Kind kind;

  /** Equal prior weights. */
  public ByteEnsemble(List<ByteLevelModel> models, Kind kind) {
    if (models.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one model");
    this.models = List.copyOf(models);
    this.logPriors = new double[models.size()];
    Arrays.fill(logPriors, -Math.log(models.size()));
    this.kind = kind;
  }

  /**
   * The state after {@code prompt}. Every model reads the prompt byte by byte from the start, so
   * the mixture weights are the exact posteriors given the prompt.
   */
  @Override
  public ByteState start(byte[] prompt) {
    Combined state = new Combined();
    for (byte b : prompt) state.advance(b & 0xFF);
    return state;
  }

  private final class Combined implements ByteState {
    private final List<ByteState> states = new ArrayList<>();
    private final double[] logWeights = logPriors.clone();
    private final double[][] next;

    Combined() {
      for (ByteLevelModel model : models) states.add(model.start(new byte[0]));
      next = new double[states.size()][];
    }

    private double[] next(int k) {
      if (next[k] == null) next[k] = states.get(k).nextByteLogProbs();
      return next[k];
    }

    @Override
    public double[] nextByteLogProbs() {
      double[] out = new double[ByteLevelModel.END + 1];
      if (kind == Kind.PRODUCT) {
        for (int k = 0; k < states.size(); k++) {
          double[] p = next(k);
          for (int b = 0; b < out.length; b++) out[b] += p[b];
        }
      } else {
        Arrays.fill(out, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < states.size(); k++) {
          double[] p = next(k);
          for (int b = 0; b < out.length; b++) out[b] = ByteLevelModel.logAdd(out[b], logWeights[k] + p[b]);
        }
      }
      double total = Double.NEGATIVE_INFINITY;
      for (double x : out) total = ByteLevelModel.logAdd(total, x);
      for (int b = 0; b < out.length; b++) out[b] -= total;
      return out;
    }

    @Override
    public void advance(int b) {
      double total = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < states.size(); k++) {
        logWeights[k] += next(k)[b];
        total = ByteLevelModel.logAdd(total, logWeights[k]);
      }
      for (int k = 0; k < states.size(); k++) {
        logWeights[k] -= total;
        states.get(k).advance(b);
        next[k] = null;
      }
    }
  }
}
