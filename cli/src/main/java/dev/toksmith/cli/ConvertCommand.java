package dev.toksmith.cli;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = "Write any tokenizer toksmith loads as a Hugging Face tokenizer.json that gives the same ids.")
final class ConvertCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin TokenizerOption tokenizer;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write tokenizer.json (written to a temporary file, then renamed), or - for standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    OutputFile.check(output);
    Tokenizer tok = tokenizer.load();
    OutputFile.write(main, output, out -> Tokenizers.write(tok, out));
    main.streams.err().println("wrote " + OutputFile.name(output) + " (" + tok.vocabSize() + " tokens)");
    return 0;
  }
}
