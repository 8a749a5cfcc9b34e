package dev.toksmith.core.models;

import dev.toksmith.api.TokenizerDescription.Stage;
/**
 * A tokenization model: turns one pre-token into tokens. Implementations are immutable and
 * thread-safe.
 */
public interface Model {

  /** Tokenizes a piece given as text (Hugging Face hands models the pre-token's string). */
  void tokenize(String piece, TokenSink out);

  /**
   * Tokenizes a piece given as raw bytes, as a byte-level pre-tokenizer produces them. The default
   * spells each byte as its byte-level character and goes through {@link #tokenize(String,
   * TokenSink)}; models that work on bytes natively override it.
   */
  default void tokenizeBytes(byte[] bytes, int from, int to, TokenSink out) {
    StringBuilder piece = new StringBuilder(to - from);
    for (int i = from; i < to; i++) piece.append(ByteLevelAlphabet.charOf(bytes[i] & 0xFF));
    // Each byte became exactly one char, so char offsets are byte offsets.
    tokenize(piece.toString(), (id, start, end) -> out.token(id, from + start, from + end));
  }

  /**
   * Whether no token of this model can cover the characters {@code left} and {@code right} (in
   * vocabulary form: byte-level input as its byte characters) when they stand side by side in a piece,
   * so that tokenizing a piece cut between them gives the tokens of the piece whole. For cutting a long
   * text into windows; false unless the model knows.
   */
  default boolean neverJoins(int left, int right) {
    return false;
  }

  /** Number of entries in the model's vocabulary. */
  int vocabSize();

  /** Largest id plus one; larger than {@link #vocabSize()} when ids have gaps. */
  default int idBound() {
    return vocabSize();
  }

  /** The id of a token in vocabulary form, or -1. */
  int tokenToId(String token);

  /** The vocabulary form of an id, or null when the model has no such id. */
  String idToToken(int id);

  /**
   * This model as {@code Tokenizer.description()} shows it: its tokenizer.json {@code type} (the one
   * place that names it: the tokenizer.json registry takes it from here) and its parameters.
   */
  Stage describe();
}
