package dev.toksmith.cli;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --tokenizer SPEC} option shared by every command that runs a tokenizer. */
final class TokenizerOption {
  @Option(
      names = {"-t", "--tokenizer"},
      required = true,
      paramLabel = "SPEC",
      description = "A tokenizer.json file, or a directory holding one.")
  String spec;

  /** Loads the tokenizer; an existing path always wins over a name. */
  Tokenizer load() throws IOException {
    Path path = Path.of(spec);
    if (Files.exists(path)) return Tokenizers.load(path);
    throw new IOException(spec + ": no such tokenizer file or directory (this version has no built-in tokenizers)");
  }
}
