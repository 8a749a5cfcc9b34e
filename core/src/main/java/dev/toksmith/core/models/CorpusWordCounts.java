package dev.toksmith.core.models;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.DocumentSource;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.core.corpus.DocumentFanOut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Counts the words of a corpus on several threads, into one {@link StripedWordCounter}, while the calling thread reads it. */
public final class CorpusWordCounts {
  private CorpusWordCounts() {}

  /** The words counted and what was read. */
  public record Counted(StripedWordCounter words, CorpusStats corpus) {}

  /**
   * Reads {@code corpus} on this thread and counts its words on {@code threads} threads (with 1, on
   * this one), each with its own {@code splitter}; the counts do not depend on the number of threads.
   */
  public static Counted count(DocumentSource corpus, Supplier<TrainingWords> splitter, int threads, ReadProgress progress) throws IOException {
    StripedWordCounter words = new StripedWordCounter();
    List<Counting> counters = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) counters.add(new Counting(splitter.get(), words.sink()));
    CorpusStats stats = DocumentFanOut.run(counters, sink -> corpus.read(sink, progress));
    for (Counting counter : counters) counter.words.flush();
    return new Counted(words, stats);
  }

  private static final class Counting implements DocumentSink {
    private final TrainingWords splitter;
    private final StripedWordCounter.Sink words;

    Counting(TrainingWords splitter, StripedWordCounter.Sink words) {
      this.splitter = splitter;
      this.words = words;
    }

    @Override
    public void accept(String document) {
      splitter.count(document, words);
    }
  }
}
