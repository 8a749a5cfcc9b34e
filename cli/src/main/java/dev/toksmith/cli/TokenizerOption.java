package dev.toksmith.cli;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.Tokenizers;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The {@code --tokenizer SPEC} option shared by every command that runs a tokenizer, with {@code
 * --pattern}; also a mixin of the Spark job's {@code encode}.
 */
public final class TokenizerOption {
  @Option(
      names = {"-t", "--tokenizer"},
      required = true,
      paramLabel = "SPEC",
      description = "A Hugging Face tokenizer.json file or a directory holding one; GPT-2's vocab.json + merges.txt (their directory, "
          + "or either file); a SentencePiece .model file; a tiktoken .tiktoken rank file (with --pattern); "
          + "or a built-in tiktoken encoding: r50k_base, gpt2, p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony, "
          + "or an OpenAI model name such as gpt-4o; or unicode, the Unicode-glyph tokenizer. An existing path wins over a name.")
  String spec;

  @Option(
      names = "--pattern",
      paramLabel = "REGEX",
      description = "The split regex of a tiktoken rank file (.tiktoken, or any rank file such as Llama 3's tokenizer.model), "
          + "or the name of a built-in encoding whose pattern to use (e.g. cl100k_base).")
  String pattern;

  /** The tokenizer spec as given. */
  public String spec() {
    return spec;
  }

  /** The split regex (or encoding name) given for a tiktoken rank file, or null. */
  public String pattern() {
    return pattern;
  }

  /** Loads the tokenizer; an existing path always wins over a name. */
  Tokenizer load() throws IOException {
    return pattern == null ? Tokenizers.load(spec) : Tokenizers.loadTiktoken(java.nio.file.Path.of(spec), pattern);
  }

  /**
   * {@code tok} with special tokens matched in the input: {@code all}, or a comma-separated list.
   *
   * @throws IllegalArgumentException if {@code tok} is no tiktoken encoding or a name is not one of its special tokens
   */
  static Tokenizer allowSpecial(Tokenizer tok, String allowed) {
    Set<String> specials = allowed.equals("all") ? Tokenizers.specialTokens(tok) : new LinkedHashSet<>(List.of(allowed.split(",", -1)));
    return Tokenizers.withAllowedSpecial(tok, specials);
  }
}
