package dev.toksmith.core.fast;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * A pipeline's normalizer, pre-tokenizer and model compiled into one loop for the ids of a text, for
 * pipelines whose stages it recognises ({@link FastPaths}). Gives exactly the ids the stages give one
 * after another, without their offsets and alignments, and without allocating per token. Immutable
 * and thread-safe.
 */
public interface SegmentEncoder {
  /**
   * Appends the ids of the raw text {@code text[start, end)} to {@code out}: a non-empty part of the
   * input between added tokens (or all of it), before normalization.
   */
  void encode(String text, int start, int end, IntArrayList out);
}
