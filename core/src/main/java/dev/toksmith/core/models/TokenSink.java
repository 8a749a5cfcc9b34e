package dev.toksmith.core.models;

/** Receives the tokens a model produces for one piece, in order. */
@FunctionalInterface
public interface TokenSink {
  /**
   * One token: its id and the range {@code [start, end)} of the piece it covers, in the units the
   * piece was given in (bytes for byte-level input, UTF-16 units for text input). Ranges of
   * consecutive tokens usually follow each other, but may overlap where Hugging Face's do (the byte
   * tokens a character falls back to all cover that character).
   */
  void token(int id, int start, int end);

  /**
   * A token whose text in an encoding is the part of the piece it covers rather than the vocabulary
   * form of its id: Hugging Face's Unigram reports its unknown token this way. Sinks that keep token
   * texts override this; others receive it as a plain {@link #token}.
   */
  default void unknownToken(int id, int start, int end) {
    token(id, start, end);
  }
}
