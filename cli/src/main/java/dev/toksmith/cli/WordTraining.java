package dev.toksmith.cli;

import dev.toksmith.WordCountTrainer;
import dev.toksmith.api.TrainingProgress;
import dev.toksmith.api.TrainingResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code train --type wordpiece} and {@code --type wordlevel} share: their reading of the
 * common options (Hugging Face's defaults where the user gave none), training with progress, saving,
 * and the summary.
 */
final class WordTraining {
  /** The options of {@link TrainCommand} both types take. */
  static final Set<String> COMMON = Set.of("--type", "--vocab-size", "--min-frequency", "--special-tokens", "--threads", "--output", "--jsonl-field", "--verbose");
  /** Hugging Face's default vocabulary size for both. */
  static final int VOCAB_SIZE = 30_000;

  private final TrainCommand command;
  private final String type;

  /**
   * @param ownOptions the options of this type beyond {@link #COMMON}; any other option is a usage error
   */
  WordTraining(TrainCommand command, String type, Set<String> ownOptions) {
    this.command = command;
    this.type = type;
    for (OptionSpec option : command.spec.commandLine().getParseResult().matchedOptions()) {
      String name = option.longestName();
      if (!COMMON.contains(name) && !ownOptions.contains(name) && !command.main.frontEndOptions.contains(name)) throw usage(name + " does not apply to --type " + type);
    }
  }

  ParameterException usage(String message) {
    return new ParameterException(command.spec.commandLine(), message);
  }

  int vocabSize() {
    return given("--vocab-size") ? command.vocabSize : VOCAB_SIZE;
  }

  long minFrequency(long reference) {
    return given("--min-frequency") ? command.minFrequency : reference;
  }

  List<String> specialTokens(List<String> reference) {
    return given("--special-tokens") ? command.specialTokens : reference;
  }

  int threads() {
    return command.threads;
  }

  private boolean given(String option) {
    return command.spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /**
   * Builds the trainer with progress on standard error (its settings' faults are usage errors),
   * trains, writes the tokenizer and prints the summary. A {@link WordCountTrainer}, so that its
   * words can be counted elsewhere as well.
   */
  int run(Function<TrainingProgress, WordCountTrainer<TrainingResult>> builder) throws IOException {
    TrainingRun<WordCountTrainer<TrainingResult>, TrainingResult> run = TrainingRun.run(command, builder::apply, command::train);
    TrainingResult result = run.result();
    command.save(result.tokenizer());
    // The summary is a message: standard output is for data (the tokenizer itself with -o -).
    Output out = command.main.streams.err();
    String made = result.merges() > 0 || type.equals("wordpiece") ? result.merges() + " merges" : "words by count";
    out.println("trained a " + type + " vocabulary of " + result.tokenizer().vocabSize() + " tokens (" + made + ") in " + run.secondsText() + " s");
    out.println("corpus: " + TrainingRun.corpusName(command) + ", " + result.corpus().documents() + " documents, " + result.corpus().bytes() + " bytes, "
        + result.distinctWords() + " distinct words");
    TrainingRun.printInvalidUtf8(out, result.corpus());
    if (result.tokenizer().vocabSize() < vocabSize()) {
      out.println("note: the corpus supports only " + result.tokenizer().vocabSize() + " tokens (asked for " + vocabSize() + ")");
    }
    out.println("wrote " + OutputFile.name(command.output));
    return 0;
  }
}
