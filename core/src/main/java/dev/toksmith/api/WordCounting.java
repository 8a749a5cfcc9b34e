package dev.toksmith.api;

import dev.toksmith.core.corpus.DocumentFanOut;
import dev.toksmith.core.models.TrainingWords;
import dev.toksmith.core.models.WordSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The word counting the trainers share. */
final class WordCounting {
  private WordCounting() {}

  /**
   * {@link WordCountTrainer#train(Corpus)} on one machine: counts the words of {@code corpus} with the
   * trainer's own counters on {@code threads} threads while this thread reads, combines the counts and
   * trains on them.
   */
  static <R> R train(WordCountTrainer<R> trainer, Corpus corpus, int threads, TrainingProgress progress) throws IOException {
    List<WordCounts> counts = new ArrayList<>(threads);
    List<DocumentSink> counters = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      counts.add(new WordCounts());
      counters.add(trainer.wordCounter(counts.get(i)));
    }
    CorpusStats stats = DocumentFanOut.run(counters, sink -> corpus.read(sink, (done, total) -> progress.update("reading", done, total)));
    WordCounts all = counts.get(0);
    for (int i = 1; i < counts.size(); i++) {
      all.addAll(counts.get(i));
      counts.set(i, null); // collectable before training
    }
    return trainer.train(all, stats);
  }

  /** A counter that splits each document with {@code splitter} and counts the words in {@code counts}. */
  static DocumentSink counter(TrainingWords splitter, WordCounts counts) {
    WordSink sink = WordSink.of(counts.counter());
    return document -> splitter.count(document, sink);
  }
}
