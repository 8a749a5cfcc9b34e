package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.List;

/** Turns tokens (vocabulary forms) back into text. Implementations are immutable and thread-safe. */
public interface Decoder {
  /**
   * Hugging Face's {@code decode_chain}: text pieces whose concatenation is the decoded text.
   */
  List<String> decodeChain(List<String> tokens);

  /**
   * This decoder as {@code Tokenizer.description()} shows it: its tokenizer.json {@code type} (the one
   * place that names it: the tokenizer.json registry takes it from here) and its parameters.
   */
  Stage describe();
}
