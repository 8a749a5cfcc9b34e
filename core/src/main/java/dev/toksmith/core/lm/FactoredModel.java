package dev.toksmith.core.lm;

import java.util.BitSet;

/**
 * A token model whose masked next-token distribution has a dense part shared by every context and
 * a few ids of its own: p(w) = base + scale * weights[w] for the ids of {@code mask} and
 * end-of-text, plus {@code extra} for the listed ids (repeats add up), 0 elsewhere. An n-gram model
 * is one: its lower orders are the unigram term, which every context shares, and the ids seen after
 * the context. {@link ByteLevelModel} sums such a distribution by first byte from sums cached per
 * mask, and lays out only the run of the byte it reads, instead of the whole vocabulary each time.
 */
interface FactoredModel {
  /** The distribution after {@code context} for the byte view {@code tokens}, or null when this model cannot factor it for them. */
  Factored factored(int[] context, TokenBytes tokens);

  /**
   * @param mask the ids with mass besides end-of-text (shared between contexts: cached by identity)
   * @param weights the dense part, shared by every context (cached by identity), never negative
   */
  record Factored(BitSet mask, double base, double scale, double[] weights, int[] ids, double[] extra) {}
}
