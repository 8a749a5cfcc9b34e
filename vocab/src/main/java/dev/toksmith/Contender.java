package dev.toksmith;

/**
 * Something a {@link TokenizerComparison} compares, with the name its results carry.
 *
 * <pre>{@code
 * List<Contender> contenders = List.of(new NamedTokenizer("gpt2", Tokenizers.load("gpt2")),
 *     new NamedWordPooled("words", WordPooledTokenizer.bytes(16, 0)));
 * }</pre>
 */
public sealed interface Contender permits NamedTokenizer, NamedWordPooled {
  /** The name results carry. */
  String name();
}
