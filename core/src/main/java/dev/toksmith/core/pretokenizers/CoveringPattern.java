package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8;
import java.util.Arrays;

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

  @Override
  public final int matchEnd(byte[] bytes, int start, int to, boolean raw) {
    return matchAt(bytes, start, to, raw);
  }

  @Override
  public final int settledEnd(CharSequence text) {
    Scratch s = SCRATCH.get();
    int n = s.encode(text, 0, text.length());
    return s.charOfByte[settledEnd(s.bytes, 0, n, false)];
  }

  /**
   * Runs the matches on the bytes as the start of a text of unknown length: a match that reads a
   * byte past the end (or tests where the text ends, which these scanners do only to read further)
   * could change with a continuation, and so do all after it.
   */
  @Override
  public final int settledEnd(byte[] bytes, int from, int to, boolean raw) {
    // The scanners read only below the bound they are given; told the text goes on, they read past
    // its end exactly when a match depends on what would follow, and an array that ends where the
    // text ends turns that read into an exception.
    byte[] text = to == bytes.length ? bytes : Arrays.copyOf(bytes, to);
    int i = from;
    try {
      while (i < to) i = matchAt(text, i, Integer.MAX_VALUE / 2, raw);
    } catch (ArrayIndexOutOfBoundsException unsettled) {
      return i;
    }
    return to;
  }
}
