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
   * input between added tokens (or all of it), before normalization. Returns false, having appended
   * nothing, for a text this path does not cover; the stages then run one by one.
   */
  boolean encode(String text, int start, int end, IntArrayList out);

  /** What this path runs, in a few words, for {@code inspect}. */
  String description();
}
