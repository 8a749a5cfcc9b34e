package dev.toksmith.core;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * A tokenizer that can encode a text too long to hold at once window by window, with the ids of
 * encoding it whole ({@link Windows}). Texts are raw bytes read as {@code Utf8.decodeEscaped} reads
 * them: an invalid byte is one of U+DC80..U+DCFF.
 */
public interface Windowed {
  /**
   * The last cut in {@code text[from, to)}: a position {@code at}, {@code from < at < to}, such that
   * for any text that starts with {@code text[0, to)}, the ids of its part before {@code at} and of its
   * part from {@code at} (each encoded with the text before it as context, see {@link #encodeWindow})
   * are the ids of the whole, split in two. It depends only on {@code text[0, to)}. -1 when no cut is
   * found; near the end of a window only a bounded number of candidates are tried.
   */
  int lastCut(CharSequence text, int from, int to);

  /**
   * Appends the ids of {@code text[from, to)} to {@code ids}, where {@code from} is the start of the
   * text or a cut, {@code to} its end or a cut, and {@code text[context, from)} the text before {@code
   * from}, from the text's start or a cut on.
   *
   * @throws IllegalArgumentException if the text cannot be encoded (invalid UTF-8 for a tokenizer that
   *     is not byte-level, an unpaired surrogate for byte fallback)
   */
  void encodeWindow(String text, int context, int from, int to, IntArrayList ids);
}
