package dev.toksmith;

import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import java.io.IOException;
import java.io.Serializable;

/**
 * A trainer whose work splits in two: counting words, which reads the whole corpus and can be spread
 * over threads or machines, and learning from the counts, which needs all of them at once. Reading a
 * {@link Corpus} itself ({@code train(Corpus)}) is exactly these two steps:
 *
 * <pre>{@code
 * WordCounts counts = new WordCounts();                  // one per thread, task or partition
 * DocumentSink counter = trainer.wordCounter(counts);
 * for (String document : documents) counter.accept(document);
 * all.addAll(counts);                                    // combine them, in any order
 * R result = trainer.train(all, new CorpusStats(documents, bytes, invalid));
 * }</pre>
 *
 * The tokenizer learned depends only on the words counted and their counts, not on how counting was
 * split or in which order the counts were combined.
 *
 * <p>Trainers are serializable, so that a distributed job can ship one to its workers (in a Spark
 * closure, say) to count there: what travels is the settings; progress reporting stays behind.
 *
 * @param <R> what training returns
 */
public interface WordCountTrainer<R> extends Serializable {

  /**
   * Counts the words of every document of {@code corpus} on this machine (on as many threads as the
   * trainer is set to use) and learns from them.
   *
   * @throws CorpusException if an input is missing, unreadable, corrupt or malformed
   */
  R train(Corpus corpus) throws IOException;

  /**
   * A sink that normalizes and splits each document it is given as the trained tokenizer will, and
   * adds its words to {@code counts}. Not thread-safe: one per thread (each with its own counts, or
   * the counts are shared by sinks that never run at once).
   */
  DocumentSink wordCounter(WordCounts counts);

  /**
   * Learns from {@code counts}, combined from every document of the corpus. The counts are emptied as
   * they are taken in, so that their memory serves learning.
   *
   * @param corpus what counting read, reported back in the result
   */
  R train(WordCounts counts, CorpusStats corpus);
}
