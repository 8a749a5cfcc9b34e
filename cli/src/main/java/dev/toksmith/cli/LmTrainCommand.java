package dev.toksmith.cli;

import dev.toksmith.LanguageModelFile;
import dev.toksmith.NgramModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code toksmith lm train}: a token n-gram model written to a file. */
final class LmTrainCommand implements Callable<Integer> {
  static final String NAME = "train";

  LmCommand lm;

  // Set by the command line (see spec).
  final TokenizerOption tokenizer = new TokenizerOption();
  int order;
  boolean allowInvalid;
  Path output;
  List<String> inputs;

  /** The model of {@code lm train} run under {@code lm} (see {@link FieldOptions}). */
  static CommandLine.Model.CommandSpec spec(LmCommand lm) {
    LmTrainCommand command = new LmTrainCommand();
    command.lm = lm;
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(command).name(NAME);
    spec.usageMessage().description("Train a token n-gram model (interpolated Kneser-Ney) on text; each line is one text.");
    spec.addMixin("tokenizer", command.tokenizer.mixin());
    spec.addOption(FieldOptions.option(command, "order", "--order").paramLabel("N").defaultValue("3")
        .description("n of the n-grams (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "allowInvalid", "--allow-invalid")
        .description("Keep mass on non-canonical continuations (shows what breaks the exact byte-level method).")
        .build());
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").required(true).paramLabel("LM")
        .description("The model file to write, or - for standard output.")
        .build());
    spec.addPositional(FieldOptions.parameters(command, "inputs").required(true).paramLabel("INPUT").arity("1..*")
        .description("Text files, directories, .gz/.zip/.tar archives, or - for stdin.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    if (order < 1 || order > 8) throw new CommandLine.ParameterException(lm.spec.commandLine(), "--order must be between 1 and 8, not " + order);
    OutputFile.check(output);
    // Canonical-only, texts are plain text: a special token's literal text is its characters.
    NgramModel.Trainer trainer = NgramModel.trainer(tokenizer.load(), order, !allowInvalid);
    lm.readTexts(inputs, "reading", (line, bytes) -> trainer.add(line));
    NgramModel model = trainer.train();
    OutputFile.write(lm.main, output, out -> LanguageModelFile.write(model, tokenizer.spec, out));
    lm.main.streams.err().printf(Locale.ROOT, "trained order-%d model on %d texts: %d distinct %d-grams, written to %s%n", order, trainer.texts(), model.distinctNgrams(), order,
        OutputFile.name(output));
    return 0;
  }
}
