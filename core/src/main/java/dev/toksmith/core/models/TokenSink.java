package dev.toksmith.core.models;

/** Receives the tokens a model produces for one piece, in order. */
@FunctionalInterface
public interface TokenSink {
  /**
   * One token: its id and the range {@code [start, end)} of the piece it covers, in the units the
   * piece was given in (bytes for byte-level input, UTF-16 units for text input).
   */
  void token(int id, int start, int end);
}
