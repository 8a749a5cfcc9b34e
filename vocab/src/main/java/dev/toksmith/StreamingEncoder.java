package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Windowed;
import dev.toksmith.core.Windows;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Encodes raw bytes of any length from a stream, with exactly the ids {@link Tokenizer#encodeBytes}
 * gives for all of them at once, in memory that does not grow with the input: the text is encoded
 * window by window, each window ending where the tokenizer's ids can be cut (such as a space between
 * two words), and each id is handed on once it is final. A stretch of more than 2<sup>26</sup>
 * characters without such a place is refused. This is how {@code toksmith encode} encodes a line too
 * long to hold.
 *
 * <pre>{@code
 * StreamingEncoder encoder = StreamingEncoder.of(Tokenizers.load("o200k_base")).orElseThrow();
 * try (InputStream in = Files.newInputStream(Path.of("one-huge-line.txt"))) {
 *   long bytes = encoder.encode(in, id -> System.out.println(id));
 * }
 * }</pre>
 */
public final class StreamingEncoder {
  private final Windows windows;

  private StreamingEncoder(Windowed tokenizer) {
    this.windows = new Windows(tokenizer);
  }

  /**
   * The streaming encoder of {@code tokenizer}; empty when the tokenizer cannot be read window by
   * window (not made by toksmith), or truncates or pads, which needs the whole encoding.
   */
  public static Optional<StreamingEncoder> of(Tokenizer tokenizer) {
    if (!(tokenizer instanceof Windowed windowed) || tokenizer.truncation() != null || tokenizer.padding() != null) return Optional.empty();
    return Optional.of(new StreamingEncoder(windowed));
  }

  /**
   * Encodes the bytes of {@code in} up to its end, handing each id to {@code ids} in order; returns the
   * number of bytes read. Thread-safe: each call keeps its own windows.
   *
   * @throws IllegalArgumentException if a stretch too long has no cut, or the tokenizer cannot encode
   *     the bytes (as {@link Tokenizer#encodeBytes})
   */
  public long encode(InputStream in, IntConsumer ids) throws IOException {
    return windows.encode(in, ids);
  }
}
