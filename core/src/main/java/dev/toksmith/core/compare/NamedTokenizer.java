package dev.toksmith.core.compare;

import dev.toksmith.api.Tokenizer;
import java.util.Objects;

/** A tokenizer with the name results carry. */
public record NamedTokenizer(String name, Tokenizer tokenizer) implements Contender {
  /** Checks that both parts are present. */
  public NamedTokenizer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenizer, "tokenizer");
  }
}
