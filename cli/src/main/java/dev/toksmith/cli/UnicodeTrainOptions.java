package dev.toksmith.cli;

import dev.toksmith.Tokenizers;
import dev.toksmith.UnicodeNgramTrainer;
import dev.toksmith.api.TrainingResult;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --type unicode}: learns the n-grams of the Unicode-glyph tokenizer instead of
 * byte-level BPE. A mixin of {@link TrainCommand}, which reads the corpus and output options.
 */
final class UnicodeTrainOptions {
  private static final List<String> BPE_ONLY = List.of("--vocab-size", "--special-tokens", "--normalizer", "--preset", "--cased", "--uncased", "--pad-to-power-of-two", "--custom-tokens", "--max-token-length", "--threads");
  private static final List<String> UNICODE_ONLY = List.of("--ngrams", "--per-script");

  List<Integer> ngrams;
  int perScript;

  /** Adds these options to {@code train}'s model. */
  void addTo(CommandSpec spec) {
    spec.addOption(FieldOptions.option(this, "ngrams", "--ngrams").paramLabel("N").splitRegex(",").defaultValue("2,3")
        .description("With --type unicode: n-gram lengths to learn, comma-separated (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(this, "perScript", "--per-script").paramLabel("K").defaultValue("100")
        .description("With --type unicode: learn the K most frequent n-grams of each length per script (default: ${DEFAULT-VALUE}).")
        .build());
  }

  /** Refuses the options of {@code --type unicode} on any other type, which would ignore them. */
  static void rejectFor(TrainCommand command) {
    for (String option : UNICODE_ONLY) {
      if (command.spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new ParameterException(command.spec.commandLine(), option + " applies to --type unicode, not " + command.type);
      }
    }
  }

  /** Trains, saves and prints a summary, as {@link TrainCommand#call()} does for BPE. */
  int train(TrainCommand command) throws Exception {
    for (String option : BPE_ONLY) {
      if (command.spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new ParameterException(command.spec.commandLine(), option + " applies to --type bpe, not unicode");
      }
    }
    TrainingRun<UnicodeNgramTrainer, TrainingResult> run = TrainingRun.run(command,
        progress -> UnicodeNgramTrainer.builder().ngramSizes(ngrams).perScript(perScript).minFrequency(Math.max(1, command.minFrequency)).progress(progress).build(),
        trainer -> trainer.train(command.corpus()));
    TrainingResult result = run.result();
    command.save(result.tokenizer());
    var out = command.main.streams.err();
    out.printf(Locale.ROOT, "trained the unicode layout: %d tokens, %d merges reaching the learned n-grams, in %.1f s%n",
        result.tokenizer().vocabSize(), result.merges(), run.seconds());
    out.printf(Locale.ROOT, "corpus: %d documents, %d bytes, %d distinct n-grams%n", result.corpus().documents(), result.corpus().bytes(), result.distinctWords());
    out.println("wrote " + OutputFile.name(command.output));
    return 0;
  }
}
