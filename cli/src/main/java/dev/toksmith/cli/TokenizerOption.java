package dev.toksmith.cli;

import dev.toksmith.PendingTokenizer;
import dev.toksmith.TokenizerCache;
import dev.toksmith.TokenizerSpec;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --tokenizer SPEC} option shared by every command that runs one tokenizer; also a mixin of the Spark job's {@code encode}. */
public final class TokenizerOption {
  /** What a SPEC may be, for every option that takes one. */
  static final String SPECS = "a tokenizer.json file or a directory holding one; GPT-2's vocab.json and merges.txt (their directory, "
      + "or either file); a SentencePiece .model file; a tiktoken rank file with its split pattern, FILE.tiktoken#pattern=REGEX "
      + "(or #pattern=cl100k_base to use a built-in one's); a built-in tiktoken encoding (r50k_base, gpt2, p50k_base, p50k_edit, "
      + "cl100k_base, o200k_base, o200k_harmony) or an OpenAI model name such as gpt-4o; or unicode, the Unicode-glyph tokenizer. "
      + "An existing path wins over a name.";

  String spec;

  /**
   * This option as a mixin (see {@link FieldOptions}): for {@link CommandSpec#addMixin}, or for a
   * command still declared by annotations, as the value of its {@code @Mixin} field.
   */
  public CommandSpec mixin() {
    CommandSpec mixin = CommandSpec.wrapWithoutInspection(this);
    mixin.addOption(FieldOptions.option(this, "spec", "-t", "--tokenizer").required(true).paramLabel("SPEC")
        .description("The tokenizer: " + SPECS)
        .build());
    return mixin;
  }

  /** The tokenizer spec as given. */
  public String spec() {
    return spec;
  }

  /** The spec, parsed by the library; a malformed word-pooled spec is a usage error of {@code command}. */
  TokenizerSpec parse(CommandSpec command) {
    return parse(command, spec);
  }

  /** {@code text} parsed by the library; a malformed word-pooled spec is a usage error of {@code command}. */
  static TokenizerSpec parse(CommandSpec command, String text) {
    try {
      return TokenizerSpec.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "unknown word-pooled tokenizer " + text + " (choose " + WordPooledCli.SPECS + ")");
    }
  }

  /** Loads the tokenizer; an existing path always wins over a name. */
  Tokenizer load() throws IOException {
    return Tokenizers.load(spec, userCache());
  }

  /**
   * The tokenizer {@code ahead} is loading when it loads this spec (null: none is); otherwise gives
   * that load up and loads the tokenizer here.
   */
  Tokenizer load(PendingTokenizer ahead) throws IOException {
    if (ahead == null) return load();
    if (ahead.spec().equals(spec)) return ahead.join();
    ahead.cancel();
    return load();
  }

  /** The user's cache of large tokenizer.json files (README, "The tokenizer cache"), or null when it is turned off. */
  static TokenizerCache userCache() {
    return TokenizerCache.fromEnvironment(System.getenv()).orElse(null);
  }

  /**
   * {@code tok} matching only these special tokens in the input, the others read as text: {@code all},
   * {@code none}, or a comma-separated list.
   *
   * @throws IllegalArgumentException if a name is not one of its special tokens
   */
  static Tokenizer allowSpecial(Tokenizer tok, String allowed) {
    Set<String> specials = switch (allowed) {
      case "all" -> tok.specialTokens();
      case "none" -> Set.of();
      default -> new LinkedHashSet<>(List.of(allowed.split(",", -1)));
    };
    return tok.withAllowedSpecial(specials);
  }
}
