package dev.toksmith.cli;

import dev.toksmith.WordLevelTrainer;
import java.util.List;
import java.util.Set;

/**
 * {@code train --type wordlevel}: Hugging Face's WordLevelTrainer with the Whitespace pre-tokenizer
 * and {@code [UNK]}; {@code --normalizer} applies as for byte-level BPE.
 */
final class WordLevelTraining {
  static final String TYPE = "wordlevel";

  private WordLevelTraining() {}

  /** Trains, saves and prints a summary. */
  static int train(TrainCommand command) throws Exception {
    WordTraining run = new WordTraining(command, TYPE, Set.of("--normalizer"));
    WordLevelTrainer.Builder settings = WordLevelTrainer.builder()
        .vocabSize(run.vocabSize())
        .minFrequency(run.minFrequency(0))
        .specialTokens(run.specialTokens(List.of("[UNK]")))
        .normalization(command.normalization())
        .threads(run.threads());
    return run.run(progress -> settings.progress(progress).build());
  }
}
