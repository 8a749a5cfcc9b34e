package dev.toksmith.api;

import dev.toksmith.core.models.TrainingWords;
import dev.toksmith.core.models.bpe.WordCounter;
import dev.toksmith.core.text.Utf8;
import java.util.Objects;

/**
 * Words and how often each occurred: what the word-based trainers ({@link WordPieceTrainer}, {@link
 * WordLevelTrainer}) learn from once a corpus is normalized and split. Counting and training are
 * separate steps so that the counts may come from elsewhere, for example from many machines: count
 * each part of a corpus with the trainer's {@code countWords}, combine the parts with {@link #addAll}
 * (or rebuild them from their {@link #forEach} output with {@link #add}), and pass the whole to the
 * same trainer's {@code train(WordCounts)}. The result depends only on which words were counted how
 * often, never on the order or the parts. The words must have been counted by the trainer that
 * trains on them, or one with the same normalization and splitting settings.
 *
 * <p>Memory grows with the number of distinct words, not with how often they occur. Not
 * thread-safe: count each part into its own instance.
 */
public final class WordCounts {
  final WordCounter counter;
  private long documents;
  private long bytes;
  private long invalidUtf8Sequences;

  /** An empty count. */
  public WordCounts() {
    this.counter = new WordCounter();
  }

  /** Takes over {@code counted}, the words of what {@code read} describes. */
  WordCounts(WordCounter counted, CorpusStats read) {
    this.counter = counted;
    addStats(read.documents(), read.bytes(), read.invalidUtf8Sequences());
  }

  /** Receives the counted words. */
  @FunctionalInterface
  public interface WordVisitor {
    void word(String word, long count);
  }

  /**
   * Adds {@code count} occurrences of {@code word}.
   *
   * @throws IllegalArgumentException if the word is empty or the count below 1
   */
  public void add(String word, long count) {
    if (Objects.requireNonNull(word, "word").isEmpty()) throw new IllegalArgumentException("a word is empty");
    if (count < 1) throw new IllegalArgumentException("count must be at least 1: " + count);
    byte[] utf8 = Utf8.encode(word);
    counter.add(utf8, 0, utf8.length, count);
  }

  /** Adds every word of {@code other} with its count, and what it read (see {@link #corpus()}). */
  public void addAll(WordCounts other) {
    counter.addAll(other.counter);
    addStats(other.documents, other.bytes, other.invalidUtf8Sequences);
  }

  /** How many distinct words were counted. */
  public int size() {
    return counter.size();
  }

  /** Visits every distinct word once with its count, in no particular order. */
  public void forEach(WordVisitor visitor) {
    counter.forEach((utf8, from, to, count) -> visitor.word(Utf8.decode(utf8, from, to), count));
  }

  /**
   * What was read to count these words: documents and their UTF-8 bytes counted by a trainer's {@code
   * countWords}, summed over {@link #addAll}; words added with {@link #add} add nothing here.
   */
  public CorpusStats corpus() {
    return new CorpusStats(documents, bytes, invalidUtf8Sequences);
  }

  /** Counts the words {@code splitter} finds in one document, and the document. */
  void countDocument(TrainingWords splitter, String document) {
    splitter.count(Objects.requireNonNull(document, "document"), counter);
    addStats(1, Utf8.length(document, 0, document.length()), 0);
  }

  private void addStats(long documents, long bytes, long invalidUtf8Sequences) {
    this.documents += documents;
    this.bytes += bytes;
    this.invalidUtf8Sequences += invalidUtf8Sequences;
  }
}
