package dev.toksmith.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link DecodeStream} of any tokenizer, as Hugging Face's {@code DecodeStream}: each step
 * decodes a window from the start of the text emitted last, and emits what it adds to the text
 * before, unless that ends in U+FFFD (a character whose bytes are still arriving). The window
 * grows while nothing is emitted, so tokenizers made by toksmith stream their byte-level and
 * byte-fallback decoders without it.
 */
final class WindowDecodeStream implements DecodeStream {
  /** Decodes a window of ids: the tokenizer's {@code decode}, with its skipping of special tokens. */
  private final Function<int[], String> decoding;
  private final List<Integer> ids = new ArrayList<>();
  private String prefix = "";
  private int prefixIndex;

  WindowDecodeStream(Function<int[], String> decoding) {
    this.decoding = decoding;
  }

  @Override
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

  @Override
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
