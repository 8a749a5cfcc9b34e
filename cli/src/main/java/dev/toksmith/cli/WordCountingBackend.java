package dev.toksmith.cli;

import dev.toksmith.WordCountTrainer;
import dev.toksmith.WordCounts;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.SentencePieceCounts;
import dev.toksmith.SentencePieceTrainer;
import java.io.IOException;
import java.util.List;

/**
 * Where {@code train} counts the words of its inputs when a front end built on this command line
 * counts them elsewhere (the Spark job, see {@link Main#run(Main.Streams, String,
 * WordCountingBackend, java.util.function.Consumer, String...)}). Everything else (options, the trainer, learning from the
 * counts, the output file and the summary) is the command line's own, so the tokenizer is the one
 * {@code toksmith train} learns from the same documents.
 */
public interface WordCountingBackend {

  /**
   * Counts into {@code counts}, with counters of {@code trainer}, the words of every document of
   * {@code inputs}: each line of a text input with its {@code \n}, or with {@code jsonlField} given,
   * that field of each JSON line; returns what was read.
   *
   * @throws IllegalArgumentException if the inputs or the backend's own options are unusable; the
   *     message is a usage error for the user
   */
  CorpusStats count(WordCountTrainer<?> trainer, List<String> inputs, String jsonlField, WordCounts counts) throws IOException;

  /**
   * Counts into {@code counts} the sentences of every document of {@code inputs} (documents as in
   * {@link #count}) as {@code trainer} counts a corpus it reads whole: with an input sentence size,
   * only the sentences of its sample, drawn from the documents in input order.
   *
   * @throws IllegalArgumentException as {@link #count}
   */
  CorpusStats countSentences(SentencePieceTrainer trainer, List<String> inputs, String jsonlField, SentencePieceCounts counts) throws IOException;
}
