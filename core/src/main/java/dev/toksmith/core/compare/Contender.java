package dev.toksmith.core.compare;

/** Something a {@link TokenizerComparison} compares, with the name its results carry. */
public sealed interface Contender permits NamedTokenizer, NamedWordPooled {
  /** The name results carry. */
  String name();
}
