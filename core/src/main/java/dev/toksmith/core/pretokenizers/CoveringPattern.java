package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8;

/**
 * A scanned split pattern that matches at every position, so that its matches cover the text: its
 * matches are the pieces, with no gaps between them.
 */
abstract class CoveringPattern extends ScanningPattern {
  /** A thread's buffers for the text at hand: its WTF-8 and the character each byte is in. */
  private static final class Scratch {
    byte[] bytes = new byte[64];
    int[] charOfByte = new int[65];

    /** Encodes {@code text[from, to)}; returns its length in bytes. */
    int encode(CharSequence text, int from, int to) {
      int capacity = Utf8.maxBytes(to - from);
      if (bytes.length < capacity) {
        bytes = new byte[capacity];
        charOfByte = new int[capacity + 1];
      }
      int n = Utf8.encode(text, from, to, false, bytes, 0, charOfByte);
      charOfByte[n] = to;
      return n;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  @Override
  public final int matchEnd(CharSequence text, int start) {
    Scratch s = SCRATCH.get();
    int n = s.encode(text, start, text.length());
    return s.charOfByte[matchAt(s.bytes, 0, n, false)];
  }

  /**
   * Runs the matches on {@code text} as the start of a text of unknown length: a match that reads a
   * character past the end (or tests where the text ends, which these scanners do only to read
   * further) could change with a continuation, and so do all after it.
   */
  @Override
  public final int settledEnd(CharSequence text) {
    byte[] bytes = Utf8.encode(text);
    int[] charOfByte = new int[bytes.length + 1];
    Utf8.encode(text, 0, text.length(), false, new byte[Utf8.maxBytes(text.length())], 0, charOfByte);
    charOfByte[bytes.length] = text.length();
    int i = 0;
    try {
      // The scanners read only below the bound they are given; told the text goes on, they read past
      // the array's end exactly when a match depends on what would follow.
      while (i < bytes.length) i = matchAt(bytes, i, Integer.MAX_VALUE / 2, false);
    } catch (ArrayIndexOutOfBoundsException unsettled) {
      return charOfByte[i];
    }
    return text.length();
  }
}
