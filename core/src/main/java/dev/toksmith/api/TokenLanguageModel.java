package dev.toksmith.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A language model over token ids: the distribution of the next token given the tokens so far.
 * Ids run from 0 to {@link #vocabSize()} - 1 and include {@link #endOfTextId()}. Implementations are
 * immutable and thread-safe; {@link #newSession()} is how one thread reads many related contexts
 * cheaply.
 *
 * <pre>{@code
 * TokenLanguageModel uniform = new TokenLanguageModel() {
 *   public int vocabSize() { return 50257; }
 *   public int endOfTextId() { return 50256; }
 *   public double[] nextLogProbs(int[] context) {
 *     double[] p = new double[vocabSize()];
 *     Arrays.fill(p, -Math.log(vocabSize()));
 *     return p;
 *   }
 * };
 * }</pre>
 */
public interface TokenLanguageModel {

  /** Number of ids the model scores (the length of every {@link #nextLogProbs} result). */
  int vocabSize();

  /** The id that ends a text. */
  int endOfTextId();

  /**
   * Natural-log probabilities of every next id after {@code context} (the text's ids so far, from
   * its start); {@code Double.NEGATIVE_INFINITY} where the model gives no mass.
   */
  double[] nextLogProbs(int[] context);

  /**
   * The natural-log probability of {@code id} after {@code context}: {@code
   * nextLogProbs(context)[id]}, which a model may compute without the whole distribution (scoring
   * a known text needs only this).
   */
  default double nextLogProb(int[] context, int id) {
    return nextLogProbs(context)[id];
  }

  /**
   * The probabilities (not logs) of every next id after {@code context}: {@code
   * exp(nextLogProbs(context))}, which a model may compute without the logarithms (byte-level
   * reading sums them).
   */
  default double[] nextProbs(int[] context) {
    double[] p = nextLogProbs(context);
    for (int i = 0; i < p.length; i++) p[i] = Math.exp(p[i]);
    return p;
  }

  /**
   * This model as one thread reads many related contexts: a model that can reuse work between calls
   * (a neural model's key/value cache) returns a view that keeps it, so a context that extends or
   * shares a prefix with one asked before costs only the tokens after the shared part, and going
   * back to an earlier context costs nothing more. The view answers as this model does (to
   * floating-point rounding), is confined to one thread, holds only memory (the garbage collector
   * frees it with the view), and is its own session. The default is this model, which keeps
   * nothing between calls.
   */
  default TokenLanguageModel newSession() {
    return this;
  }

  /** {@link #nextLogProbs(int[])} for several contexts, in their order. */
  default List<double[]> nextLogProbs(List<int[]> contexts) {
    List<double[]> out = new ArrayList<>(contexts.size());
    for (int[] context : contexts) out.add(nextLogProbs(context));
    return out;
  }
}
