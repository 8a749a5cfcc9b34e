package dev.toksmith.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A language model over token ids: the distribution of the next token given the tokens so far.
 * Ids run from 0 to {@link #vocabSize()} - 1 and include {@link #endOfTextId()}. Implementations are
 * immutable and thread-safe; a {@link Session} is how one thread reads many related contexts
 * cheaply.
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
   * A reader of contexts for one thread that may keep work from one call for the next: a neural
   * model keeps its key/value cache, so a context that extends or shares a prefix with one asked
   * before costs only the tokens after the shared part, and going back to an earlier context costs
   * nothing more. Its answers are {@link #nextLogProbs(int[])}'s, to floating-point rounding. The
   * default keeps nothing, which suits models whose calls cost little on their own.
   */
  default Session newSession() {
    return this::nextLogProbs;
  }

  /**
   * One thread's reader of contexts (see {@link #newSession()}). Not thread-safe; it holds only
   * memory, which the garbage collector frees with it.
   */
  @FunctionalInterface
  interface Session {
    /** {@link TokenLanguageModel#nextLogProbs(int[])}, reusing what earlier calls computed. */
    double[] nextLogProbs(int[] context);
  }

  /** {@link #nextLogProbs(int[])} for several contexts, in their order. */
  default List<double[]> nextLogProbs(List<int[]> contexts) {
    List<double[]> out = new ArrayList<>(contexts.size());
    for (int[] context : contexts) out.add(nextLogProbs(context));
    return out;
  }
}
