package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import dev.toksmith.Corpus;
import dev.toksmith.vocab.io.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code toksmith lm}: token n-gram models and the exact byte-level probabilities they imply. Each
 * subcommand has its own file ({@link LmTrainCommand}, {@link LmNextCommand}, {@link
 * LmCompleteCommand}, {@link LmScoreCommand}); {@link LmModels} and {@link LmPrompt} are the options
 * they share.
 */
@Command(
    name = "lm",
    mixinStandardHelpOptions = true,
    description = {
      "Train token n-gram language models, and read them and neural LMs byte by byte.",
      "The exact distribution of the next byte, completion of prompts that end mid-token, bits per byte, and byte-level "
          + "ensembles of models with different tokenizers; for n-gram models from lm train and neural LMs exported to ONNX."
    },
    subcommands = {LmTrainCommand.class, LmNextCommand.class, LmCompleteCommand.class, LmScoreCommand.class})
final class LmCommand implements Runnable {
  static final JsonFactory JSON = JsonText.factory();

  @ParentCommand Main main;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
