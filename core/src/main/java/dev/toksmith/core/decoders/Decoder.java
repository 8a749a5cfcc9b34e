package dev.toksmith.core.decoders;

import java.util.List;

/** Turns tokens (vocabulary forms) back into text. Implementations are immutable and thread-safe. */
public interface Decoder {
  /**
   * Hugging Face's {@code decode_chain}: text pieces whose concatenation is the decoded text.
   */
  List<String> decodeChain(List<String> tokens);
}
