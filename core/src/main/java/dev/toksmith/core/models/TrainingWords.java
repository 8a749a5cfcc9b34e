package dev.toksmith.core.models;

/**
 * Cuts a document into the words a trainer counts: the pieces the tokenizer's normalizer and
 * pre-tokenizer make of it, without the offsets that encoding needs. Instances may keep scratch
 * space, so use one per thread.
 */
@FunctionalInterface
public interface TrainingWords {

  /** Hands each word of {@code document} to {@code words}, in order. */
  void count(String document, WordSink words);
}
