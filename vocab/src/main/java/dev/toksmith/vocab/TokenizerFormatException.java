package dev.toksmith.vocab;

import java.io.IOException;

/**
 * A tokenizer file that cannot be loaded: malformed, or using a field or component toksmith does
 * not support. The message is one line naming the file and the JSON path, e.g. {@code
 * tokenizer.json: model.merges[3]: token "xy" is not in the vocabulary}.
 *
 * <pre>{@code
 * try {
 *   Tokenizer tok = Tokenizers.load(Path.of("tokenizer.json"));
 * } catch (TokenizerFormatException e) {
 *   System.err.println(e.getMessage()); // one line: the file, the JSON path, what is wrong
 * }
 * }</pre>
 */
public class TokenizerFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param message one line naming the file and the place in it */
  public TokenizerFormatException(String message) {
    super(message);
  }

  /** @param message one line naming the file and the place in it; {@code cause} is what failed below */
  public TokenizerFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
