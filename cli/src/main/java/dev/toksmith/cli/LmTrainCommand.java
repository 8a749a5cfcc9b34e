package dev.toksmith.cli;

import dev.toksmith.LanguageModelFile;
import dev.toksmith.NgramModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code toksmith lm train}: a token n-gram model written to a file. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a token n-gram model (interpolated Kneser-Ney) on text; each line is one text.")
final class LmTrainCommand implements Callable<Integer> {
  @ParentCommand LmCommand lm;

  @Mixin TokenizerOption tokenizer;

  @Option(names = "--order", paramLabel = "N", defaultValue = "3", description = "n of the n-grams (default: ${DEFAULT-VALUE}).")
  int order;

  @Option(names = "--allow-invalid", description = "Keep mass on non-canonical continuations (shows what breaks the exact byte-level method).")
  boolean allowInvalid;

  @Option(names = {"-o", "--output"}, paramLabel = "LM", required = true, description = "The model file to write, or - for standard output.")
  Path output;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Text files, directories, .gz/.zip/.tar archives, or - for stdin.")
  List<String> inputs;

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
