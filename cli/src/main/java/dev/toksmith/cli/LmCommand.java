package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import dev.toksmith.Corpus;
import dev.toksmith.vocab.io.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code toksmith lm}: token n-gram models and the exact byte-level probabilities they imply. Each
 * subcommand has its own file ({@link LmTrainCommand}, {@link LmNextCommand}, {@link
 * LmCompleteCommand}, {@link LmScoreCommand}); {@link LmModels} and {@link LmPrompt} are the options
 * they share.
 */
final class LmCommand implements Runnable {
  static final String NAME = "lm";
  static final JsonFactory JSON = JsonText.factory();

  Main main;
  CommandLine.Model.CommandSpec spec;

  /** The model of {@code lm} run under {@code main}, with its subcommands (see {@link FieldOptions}). */
  static CommandLine.Model.CommandSpec spec(Main main) {
    LmCommand command = new LmCommand();
    command.main = main;
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description(
        "Train token n-gram language models, and read them and neural LMs byte by byte.",
        "The exact distribution of the next byte, completion of prompts that end mid-token, bits per byte, and byte-level "
            + "ensembles of models with different tokenizers; for n-gram models from lm train and neural LMs exported to ONNX.");
    FieldOptions.addStandardHelpOptions(spec);
    spec.addSubcommand(LmTrainCommand.NAME, new CommandLine(LmTrainCommand.spec(command)));
    spec.addSubcommand(LmNextCommand.NAME, new CommandLine(LmNextCommand.spec(command)));
    spec.addSubcommand(LmCompleteCommand.NAME, new CommandLine(LmCompleteCommand.spec(command)));
    spec.addSubcommand(LmScoreCommand.NAME, new CommandLine(LmScoreCommand.spec(command)));
    return spec;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train, next, complete or score");
  }

  /** What next and score print. */
  enum Format {
    text,
    json
  }

  /** One text of {@link #readTexts}: a line without its line end, and its UTF-8. */
  @FunctionalInterface
  interface TextSink {
    void accept(String text, byte[] bytes);
  }

  /**
   * Reads {@code inputs} (stdin for {@code -}) as texts, one a line, skipping empty lines, with
   * progress on stderr named {@code stage}, as train and score read them.
   */
  void readTexts(List<String> inputs, String stage, TextSink sink) throws IOException {
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    Corpus.of(inputs).withStdin(main.streams.in()).read(document -> {
      String line = document.endsWith("\n") ? document.substring(0, document.length() - 1) : document;
      if (line.isEmpty()) return;
      sink.accept(line, line.getBytes(StandardCharsets.UTF_8));
    }, (done, total) -> progress.update(stage, done, total));
    progress.finish();
  }
}
