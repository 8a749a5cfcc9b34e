package dev.toksmith;

import dev.toksmith.api.WordPooledTokenizer;
import java.util.Objects;

/**
 * A word-pooled tokenizer with the name results carry.
 *
 * <pre>{@code
 * WordPooledTokenizer words = WordPooledTokenizer.bytes(16, 0);
 * new TokenizerComparison(List.of(new NamedWordPooled("bytes16", words)));
 * }</pre>
 */
public record NamedWordPooled(String name, WordPooledTokenizer tokenizer) implements Contender {
  /** Checks that both parts are present. */
  public NamedWordPooled {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tokenizer, "tokenizer");
  }
}
