package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.sentencepiece.SentenceCounter;
import dev.toksmith.core.models.sentencepiece.TrainerSpec;

/**
 * The words a {@link SentencePieceTrainer} learns from, counted: what reading a corpus gives, and
 * what {@link SentencePieceTrainer#train(SentencePieceCounts)} takes. Counting can be split any way
 * (threads, machines) and the parts added up with {@link #addAll}: the trained model depends only on
 * the sums.
 *
 * <p>A sentence is normalized as the trainer's settings say, special and user-defined pieces written
 * in it become boundaries, and it is cut into words before each {@code ▁} (U+2581, the escaped
 * space; after it, when whitespace is a suffix). For Unigram, each word is counted with the
 * character that follows it in its sentence, or {@link #END}; BPE needs the words alone, and its
 * counts report {@link #END} after every word. Not thread-safe.
 *
 * <pre>{@code
 * SentencePieceCounts part = trainer.newCounts();
 * for (String line : lines) part.addSentence(line);
 * total.addAll(part);
 * Tokenizer tok = trainer.train(total).tokenizer();
 * }</pre>
 */
public final class SentencePieceCounts {
  /** The character after a word that ends its sentence. */
  public static final int END = SentenceCounter.END;

  private final TrainerSpec spec;
  private final SentenceCounter counter;
  private long skippedSentences;

  SentencePieceCounts(TrainerSpec spec) {
    this.spec = spec;
    this.counter = new SentenceCounter(spec);
  }

  /**
   * Counts the words of one sentence: a line without its line end. Empty sentences, sentences longer
   * than the maximum sentence length (in UTF-8 bytes) and sentences holding U+2585 (which
   * SentencePiece reserves) are skipped and counted as such.
   */
  public void addSentence(String sentence) {
    if (SentenceCounter.skipReason(sentence, spec.maxSentenceLength()) != null) {
      if (!sentence.isEmpty()) skippedSentences++;
      return;
    }
    counter.add(sentence);
  }

  /**
   * Adds {@code count} occurrences of a word as {@link #forEachWord} reports it, for counts moved
   * between processes.
   *
   * @param next the code point after the word in its sentence, or {@link #END} (BPE counts ignore it)
   */
  public void addWord(String word, int next, long count) {
    if (word.isEmpty() || count < 1) throw new IllegalArgumentException("a counted word must be non-empty and counted at least once");
    counter.addWord(word, next, count);
  }

  /** Adds to the number of sentences, for counts moved between processes. */
  public void addSentences(long sentences, long skipped) {
    counter.addSentences(sentences);
    skippedSentences += skipped;
  }

  /**
   * Adds everything {@code other} counted. BPE counts take Unigram counts (dropping the next
   * characters); Unigram counts cannot take BPE counts.
   *
   * @throws IllegalArgumentException if {@code other} was counted with other normalization settings,
   *     or for BPE when these count for Unigram
   */
  public void addAll(SentencePieceCounts other) {
    if (!sameCounting(other.spec)) throw new IllegalArgumentException("counts made with other normalization settings cannot be added");
    counter.addAll(other.counter);
    skippedSentences += other.skippedSentences;
  }

  private boolean sameCounting(TrainerSpec other) {
    // The same spec first (the counts of one trainer's threads): comparing its pieces, records, costs a
    // cold JVM some fifteen classes spun to bootstrap their equals, a few milliseconds of every training.
    if (other == spec) return true;
    return spec.normalization().equals(other.normalization()) && spec.addDummyPrefix() == other.addDummyPrefix()
        && spec.removeExtraWhitespaces() == other.removeExtraWhitespaces() && spec.treatWhitespaceAsSuffix() == other.treatWhitespaceAsSuffix()
        && spec.allowWhitespaceOnlyPieces() == other.allowWhitespaceOnlyPieces() && spec.metaPieces().equals(other.metaPieces())
        && spec.maxSentenceLength() == other.maxSentenceLength();
  }

  /** Receives counted words. */
  @FunctionalInterface
  public interface WordVisitor {
    /**
     * @param word a word of normalized text ({@code ▁} for spaces, tabs where special pieces were)
     * @param next the code point after it in its sentence, or {@link #END} (always, in BPE counts)
     */
    void word(String word, int next, long count);
  }

  /** Visits every distinct (word, next character) once, in no particular order. */
  public void forEachWord(WordVisitor visitor) {
    counter.forEach(visitor::word);
  }

  /** Sentences counted. */
  public long sentences() {
    return counter.sentences();
  }

  /** Sentences skipped: too long, or holding U+2585. */
  public long skippedSentences() {
    return skippedSentences;
  }

  /** Distinct (word, next character) pairs counted; distinct words in BPE counts. */
  public int distinctWords() {
    return counter.size();
  }

  TrainerSpec spec() {
    return spec;
  }

  SentenceCounter counter() {
    return counter;
  }
}
