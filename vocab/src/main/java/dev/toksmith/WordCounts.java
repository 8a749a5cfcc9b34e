package dev.toksmith;

import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.corpus.DocumentFanOut;
import dev.toksmith.core.models.WordCounter;
import dev.toksmith.core.text.Utf8;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How often each word of a corpus occurred: what a {@link WordCountTrainer} counts and then learns
 * from. A word is the bytes of one pre-tokenized piece of normalized text (UTF-8; an unpaired
 * surrogate as its generalized UTF-8, see {@link Tokenizer#encodeBytes}). Counts made apart, on
 * several threads or machines, are combined with {@link #addAll}, in any order and grouping: the sum
 * is the same table, and training on it gives the same tokenizer.
 *
 * <p>Memory grows with the number of distinct words, never with how often they occur: 48 to 96 bytes
 * per word of up to 16 bytes (a 32-byte slot in a table at most two thirds full), plus the bytes of
 * longer words. Not thread-safe: count with one instance per thread, then combine.
 *
 * <pre>{@code
 * ByteLevelBpeTrainer trainer = ByteLevelBpeTrainer.builder().vocabSize(8000).build();
 * WordCounts counts = new WordCounts();
 * CorpusStats read = counts.count(Corpus.of("part-1/"), trainer::wordCounter, 4, ReadProgress.NONE);
 * counts.addAll(countsFromAnotherMachine);
 * Tokenizer tok = trainer.train(counts, read).tokenizer();
 * }</pre>
 */
public final class WordCounts {
  private WordCounter counter = new WordCounter();

  /** An empty table. */
  public WordCounts() {}

  /** Receives a counted word as a range of an array that is reused: copy it to keep it. */
  @FunctionalInterface
  public interface Visitor {
    void word(byte[] bytes, int from, int to, long count);
  }

  /**
   * Adds {@code count} occurrences of the word {@code bytes[from, to)}.
   *
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public void add(byte[] bytes, int from, int to, long count) {
    Objects.checkFromToIndex(from, to, bytes.length);
    if (count < 1) throw new IllegalArgumentException("a count must be at least 1: " + count);
    counter.add(bytes, from, to, count);
  }

  /**
   * Adds {@code count} occurrences of the word whose bytes are the UTF-8 of {@code word} (an unpaired surrogate as its generalized UTF-8).
   *
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public void add(String word, long count) {
    byte[] bytes = Utf8.encode(word);
    add(bytes, 0, bytes.length, count);
  }

  /**
   * Adds the words of every document of {@code corpus}, counted by counters that {@code counters}
   * makes (a trainer's {@link WordCountTrainer#wordCounter wordCounter}) on {@code threads} threads
   * while the calling thread reads (with 1, the calling thread does it all); the counts are the same
   * for any number of threads.
   *
   * @param counters makes the counter of each thread, adding to the counts it is given
   * @param progress hears how far reading has come
   * @return what was read
   * @throws CorpusException if an input is missing, unreadable, corrupt or malformed
   */
  public CorpusStats count(Corpus corpus, Function<WordCounts, DocumentSink> counters, int threads, ReadProgress progress) throws IOException {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
    List<WordCounts> parts = new ArrayList<>(threads);
    List<DocumentSink> sinks = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      WordCounts part = i == 0 ? this : new WordCounts();
      parts.add(part);
      sinks.add(counters.apply(part));
    }
    CorpusStats read = DocumentFanOut.run(sinks, sink -> corpus.read(sink, progress));
    for (int i = 1; i < parts.size(); i++) {
      addAll(parts.get(i));
      parts.set(i, null); // collectable at once
    }
    return read;
  }

  /** Adds every word of {@code other} with its count; {@code other} is left as it was. */
  public void addAll(WordCounts other) {
    counter.addAll(other.counter);
  }

  /** The number of distinct words. */
  public int size() {
    return counter.size();
  }

  /** Visits every distinct word once with its count, in no particular order. */
  public void forEach(Visitor visitor) {
    counter.forEach(visitor::word);
  }

  /** The table, for counting into it; {@link #take} moves it out. */
  WordCounter counter() {
    return counter;
  }

  /** The table, leaving these counts empty, so that the table can be collected once the caller is done. */
  WordCounter take() {
    WordCounter taken = counter;
    counter = new WordCounter();
    return taken;
  }
}
