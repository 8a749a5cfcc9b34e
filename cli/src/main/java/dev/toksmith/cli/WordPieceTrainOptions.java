package dev.toksmith.cli;

import dev.toksmith.WordPieceTrainer;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --type wordpiece}: Hugging Face's WordPieceTrainer with the defaults of its
 * BertWordPieceTokenizer. A mixin of {@link TrainCommand}, which reads the corpus and output options.
 */
final class WordPieceTrainOptions {
  static final String TYPE = "wordpiece";
  private static final Set<String> OPTIONS = Set.of("--limit-alphabet", "--lowercase", "--strip-accents");

  Integer limitAlphabet;
  Boolean lowercase;
  Boolean stripAccents;

  /** Adds these options to {@code train}'s model. */
  void addTo(CommandSpec spec) {
    spec.addOption(FieldOptions.option(this, "limitAlphabet", "--limit-alphabet").paramLabel("N")
        .description("With --type wordpiece: keep only the N most frequent characters (default: 1000).")
        .build());
    spec.addOption(FieldOptions.option(this, "lowercase", "--lowercase").negatable(true)
        .description("With --type wordpiece: lowercase the text, and strip accents unless --no-strip-accents (default: on).")
        .build());
    spec.addOption(FieldOptions.option(this, "stripAccents", "--strip-accents").negatable(true)
        .description("With --type wordpiece: strip accents (default: when lowercasing).")
        .build());
  }

  /** Rejects this type's options for the other types. */
  static void rejectFor(TrainCommand command) {
    for (String option : OPTIONS) {
      if (command.spec.commandLine().getParseResult().hasMatchedOption(option)) {
        String shown = command.spec.findOption(option).negatable() ? option.replace("--", "--[no-]") : option;
        throw new ParameterException(command.spec.commandLine(), shown + " applies to --type " + TYPE + " only");
      }
    }
  }

  /** Trains, saves and prints a summary. */
  int train(TrainCommand command) throws Exception {
    WordTraining run = new WordTraining(command, TYPE, OPTIONS);
    WordPieceTrainer.Builder settings = WordPieceTrainer.builder()
        .vocabSize(run.vocabSize())
        .minFrequency(run.minFrequency(2))
        .specialTokens(run.specialTokens(WordPieceTrainer.BERT_SPECIAL_TOKENS))
        .lowercase(lowercase == null || lowercase)
        .stripAccents(stripAccents)
        .threads(run.threads());
    if (limitAlphabet != null) settings.limitAlphabet(limitAlphabet);
    return run.run(progress -> settings.progress(progress).build());
  }
}
