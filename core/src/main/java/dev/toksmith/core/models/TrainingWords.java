package dev.toksmith.core.models;

import dev.toksmith.core.models.bpe.WordCounter;

/**
 * Cuts a document into the words a trainer counts: the pieces the tokenizer's normalizer and
 * pre-tokenizer make of it, without the offsets that encoding needs. Instances may keep scratch
 * space, so use one per thread.
 */
@FunctionalInterface
public interface TrainingWords {

  /** Counts one occurrence of each word of {@code document} in {@code words}. */
  void count(String document, WordCounter words);
}
