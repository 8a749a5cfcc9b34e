package dev.toksmith.cli;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.vocab.tiktoken.TiktokenEncodings;
import dev.toksmith.vocab.tiktoken.TokenizerResolver;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The {@code --tokenizer SPEC} option shared by every command that runs a tokenizer, with {@code --pattern}. */
final class TokenizerOption {
  @Option(
      names = {"-t", "--tokenizer"},
      required = true,
      paramLabel = "SPEC",
      description = "A tokenizer.json file, a directory holding one, a tiktoken .tiktoken rank file (with --pattern), "
          + "or a built-in tiktoken encoding: r50k_base, gpt2, p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony, "
          + "or an OpenAI model name such as gpt-4o. An existing path wins over a name.")
  String spec;

  @Option(
      names = "--pattern",
      paramLabel = "REGEX",
      description = "The split regex of a tiktoken rank file (.tiktoken, or any rank file such as Llama 3's tokenizer.model), "
          + "or the name of a built-in encoding whose pattern to use (e.g. cl100k_base).")
  String pattern;

  /** Loads the tokenizer; an existing path always wins over a name. */
  Tokenizer load() throws IOException {
    return TokenizerResolver.resolve(spec, pattern);
  }

  /**
   * {@code tok} with special tokens matched in the input: {@code all}, or a comma-separated list.
   *
   * @throws IllegalArgumentException if {@code tok} is no tiktoken encoding or a name is not one of its special tokens
   */
  static Tokenizer allowSpecial(Tokenizer tok, String allowed) {
    if (!(tok instanceof TiktokenTokenizer tiktoken)) {
      throw new IllegalArgumentException("--allow-special applies to tiktoken encodings (" + String.join(", ", TiktokenEncodings.names())
          + ", .tiktoken files); a tokenizer.json matches its added tokens always");
    }
    Set<String> specials = allowed.equals("all") ? tiktoken.specialTokens().keySet() : new LinkedHashSet<>(List.of(allowed.split(",", -1)));
    return tiktoken.withAllowedSpecial(specials);
  }
}
