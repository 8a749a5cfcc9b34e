package dev.toksmith.cli;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code toksmith convert}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class ConvertCommand implements Callable<Integer> {
  static final String NAME = "convert";

  Main main;

  // Set by the command line (see spec).
  final TokenizerOption tokenizer = new TokenizerOption();
  Path output;

  /** The model of {@code convert} run under {@code main}: its help and options. */
  static CommandSpec spec(Main main) {
    ConvertCommand command = new ConvertCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    spec.usageMessage().description("Write any tokenizer toksmith loads as a Hugging Face tokenizer.json that gives the same ids.");
    spec.addMixin("tokenizer", command.tokenizer.mixin());
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").required(true).paramLabel("FILE")
        .description("Where to write tokenizer.json (written to a temporary file, then renamed), or - for standard output.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    OutputFile.check(output);
    Tokenizer tok = tokenizer.load();
    OutputFile.write(main, output, out -> Tokenizers.write(tok, out));
    main.streams.err().println("wrote " + OutputFile.name(output) + " (" + tok.vocabSize() + " tokens)");
    return 0;
  }
}
