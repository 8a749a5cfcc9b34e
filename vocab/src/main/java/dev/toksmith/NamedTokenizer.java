package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import java.util.Objects;

/**
 * A tokenizer with the name results carry.
 *
 * <pre>{@code
 * new TokenizerComparison(List.of(new NamedTokenizer("gpt2", Tokenizers.load("gpt2"))));
 * }</pre>
 */
public record NamedTokenizer(String name, Tokenizer tokenizer) implements Contender {
  /** Checks that both parts are present. */
  public NamedTokenizer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenizer, "tokenizer");
  }
}
