package dev.toksmith;

import dev.toksmith.api.DocumentSink;
import dev.toksmith.core.models.TrainingWords;
import dev.toksmith.core.models.WordSink;

/** The word counting the trainers share. */
final class WordCounting {
  private WordCounting() {}

  /** A counter that splits each document with {@code splitter} and counts the words in {@code counts}. */
  static DocumentSink counter(TrainingWords splitter, WordCounts counts) {
    WordSink sink = WordSink.of(counts.counter());
    return document -> splitter.count(document, sink);
  }
}
