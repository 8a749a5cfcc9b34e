package dev.toksmith.core.processors;

/** Last stage of encoding: adds special tokens, adjusts offsets. Immutable and thread-safe. */
public interface PostProcessor {
  /** Processes the encoding of a single sequence in place. */
  void process(EncodingParts encoding, boolean addSpecialTokens);
}
