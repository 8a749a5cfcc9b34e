package dev.toksmith.core.compare;

import dev.toksmith.api.WordPooledTokenizer;
import java.util.Objects;

/** A word-pooled tokenizer with the name results carry. */
public record NamedWordPooled(String name, WordPooledTokenizer tokenizer) implements Contender {
  /** Checks that both parts are present. */
  public NamedWordPooled {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenizer, "tokenizer");
  }
}
