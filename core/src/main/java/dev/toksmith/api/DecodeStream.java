package dev.toksmith.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Decodes ids one at a time, as Hugging Face's {@code DecodeStream}: after each id it returns the
 * text that became complete, or the empty string while a character's bytes (byte-level or
 * byte-fallback tokens split characters) are still arriving. Decoders that look at their
 * neighbours (word-piece joining, a leading space dropped) see enough context, because each step
 * decodes a window from the last emitted boundary. Not thread-safe: one per stream.
 *
 * <pre>{@code
 * DecodeStream stream = tokenizer.decodeStream(false);
 * for (int id : generatedIds) System.out.print(stream.step(id)); // whole characters only
 * System.out.print(stream.finish());
 * }</pre>
 */
public final class DecodeStream {
  /** Decodes a window of ids: the tokenizer's {@code decode}, with its skipping of special tokens. */
  private final Function<int[], String> decoding;
  private final List<Integer> ids = new ArrayList<>();
  private String prefix = "";
  private int prefixIndex;

  DecodeStream(Function<int[], String> decoding) {
    this.decoding = decoding;
  }

  /**
   * Adds one id and returns the text it completes (possibly empty).
   *
   * @throws IllegalArgumentException if the id is outside the vocabulary
   */
  public String step(int id) {
    ids.add(id);
    String text;
    try {
      text = decode();
    } catch (IllegalArgumentException e) {
      // Leave the stream as it was, so that later ids still decode.
      ids.remove(ids.size() - 1);
      throw e;
    }
    if (text.length() <= prefix.length() || text.endsWith("\uFFFD")) return "";
    if (!text.startsWith(prefix)) {
      // A decoder that rewrites earlier text given later ids; the text itself stays out of the message,
      // which the api cannot escape without internal helpers.
      throw new IllegalStateException("decoding a longer window changed the " + prefix.length() + " characters already emitted");
    }
    String added = text.substring(prefix.length());
    int newPrefixIndex = ids.size() - prefixIndex;
    ids.subList(0, prefixIndex).clear();
    prefix = decode();
    prefixIndex = newPrefixIndex;
    return added;
  }

  /**
   * Ends the stream and returns what was held back (an incomplete character at the end decodes to
   * U+FFFD), so that everything {@link #step} and this method returned is the decoding of all ids.
   */
  public String finish() {
    String text = decode();
    ids.clear();
    String rest = text.startsWith(prefix) ? text.substring(prefix.length()) : "";
    prefix = "";
    prefixIndex = 0;
    return rest;
  }

  private String decode() {
    int[] window = new int[ids.size()];
    for (int i = 0; i < window.length; i++) window[i] = ids.get(i);
    return decoding.apply(window);
  }
}
