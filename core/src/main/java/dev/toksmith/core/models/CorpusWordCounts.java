package dev.toksmith.core.models;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.DocumentSource;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.core.corpus.DocumentFanOut;
import dev.toksmith.core.corpus.LineBlockSink;
import dev.toksmith.core.corpus.Utf8LineReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Counts the words of a corpus on several threads, into one {@link StripedWordCounter}, while the
 * calling thread reads it. A splitter that cuts words from bytes ({@link Utf8TrainingWords}) gets the
 * plain-text lines undecoded, in blocks (see {@link LineBlockSink}).
 */
public final class CorpusWordCounts {
  private CorpusWordCounts() {}

  /** The words counted and what was read. */
  public record Counted(StripedWordCounter words, CorpusStats corpus) {}

  /**
   * Reads {@code corpus} on this thread and counts its words on {@code threads} threads (with 1, on
   * this one), each with its own {@code splitter}, which it makes when first used (so that what the
   * first one loads, character tables, loads while this thread opens the corpus); the counts do not
   * depend on the number of threads.
   */
  public static Counted count(DocumentSource corpus, Supplier<TrainingWords> splitter, int threads, ReadProgress progress) throws IOException {
    StripedWordCounter counter = new StripedWordCounter();
    List<Counting<?>> counters = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) counters.add(new Counting<>(splitter, counter.sink()));
    return counted(corpus, counter, counters, progress);
  }

  /**
   * As {@link #count}, for a splitter that cuts words from bytes: plain-text lines reach it undecoded,
   * in blocks.
   */
  public static Counted countUtf8(DocumentSource corpus, Supplier<? extends Utf8TrainingWords> splitter, int threads, ReadProgress progress) throws IOException {
    StripedWordCounter counter = new StripedWordCounter();
    List<Counting<?>> counters = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) counters.add(new Utf8Counting(splitter, counter.sink()));
    return counted(corpus, counter, counters, progress);
  }

  private static Counted counted(DocumentSource corpus, StripedWordCounter counter, List<Counting<?>> counters, ReadProgress progress) throws IOException {
    CorpusStats stats = DocumentFanOut.run(counters, sink -> corpus.read(sink, progress));
    long invalid = 0;
    for (Counting<?> counting : counters) {
      counting.words.flush();
      invalid += counting.invalidUtf8Sequences();
    }
    return new Counted(counter, stats.plus(new CorpusStats(0, 0, invalid)));
  }

  /** Counts documents with a splitter of its own, made when first used. */
  private static class Counting<W extends TrainingWords> implements DocumentSink {
    private final Supplier<? extends W> supplier;
    private W splitter;
    final StripedWordCounter.Sink words;

    Counting(Supplier<? extends W> supplier, StripedWordCounter.Sink words) {
      this.supplier = supplier;
      this.words = words;
    }

    @Override
    public void accept(String document) {
      splitter().count(document, words);
    }

    W splitter() {
      if (splitter == null) splitter = supplier.get();
      return splitter;
    }

    /** U+FFFD inserted by decoding blocks of lines here, not counted by the reader. */
    long invalidUtf8Sequences() {
      return 0;
    }
  }

  /**
   * Counts blocks of lines from their bytes; from its first ill-formed UTF-8 sequence on, a block is
   * decoded line by line as the reader decodes, and its lines counted as strings.
   */
  private static final class Utf8Counting extends Counting<Utf8TrainingWords> implements LineBlockSink {
    private Utf8LineReader decoder;

    Utf8Counting(Supplier<? extends Utf8TrainingWords> supplier, StripedWordCounter.Sink words) {
      super(supplier, words);
    }

    @Override
    public void acceptLines(byte[] utf8) {
      int counted = splitter().countUtf8(utf8, 0, utf8.length, words);
      if (counted == utf8.length) return;
      if (decoder == null) decoder = new Utf8LineReader();
      try {
        decoder.read(new ByteArrayInputStream(utf8, counted, utf8.length - counted), (line, lineNumber) -> accept(line));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a byte array neither fails nor holds a line past the limit
      }
    }

    @Override
    long invalidUtf8Sequences() {
      return decoder == null ? 0 : decoder.invalidSequences();
    }
  }
}
