package dev.toksmith.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A growable byte buffer that one batch of output lines is written into, with decimal integers
 * written two digits at a time (no String per number): ids are most of what encode writes. As an {@link
 * IntConsumer} it takes the ids of the current line, written space-separated.
 */
final class ByteSink extends OutputStream implements IntConsumer {
  /** The two ASCII digits of each number from 00 to 99, one after the other. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int n = 0; n < 100; n++) {
      DIGIT_PAIRS[2 * n] = (byte) ('0' + n / 10);
      DIGIT_PAIRS[2 * n + 1] = (byte) ('0' + n % 10);
    }
  }

  private byte[] bytes;
  private int size;
  /** Where the current line started. */
  private int lineStart;

  ByteSink(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  @Override
  public void write(int b) {
    if (size == bytes.length) grow(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (size + len > bytes.length) grow(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  /**
   * Writes {@code value} in decimal ASCII, with a separating space first when {@code space}: one
   * bounds check, then two digits per division from {@link #DIGIT_PAIRS} (an encode writes one
   * number per token, so this loop is a good part of its time on text that splits into many tokens).
   */
  private void writeInt(int value, boolean space) {
    if (value < 0) {
      // Never an id; not worth a second digit loop.
      if (space) write(' ');
      write(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    int digits = digits(value);
    int end = size + digits + (space ? 1 : 0);
    if (end > bytes.length) grow(end - size);
    byte[] b = bytes;
    if (space) b[size] = ' ';
    int i = end;
    while (value >= 100) {
      int q = value / 100;
      int pair = (value - q * 100) << 1;
      b[--i] = DIGIT_PAIRS[pair + 1];
      b[--i] = DIGIT_PAIRS[pair];
      value = q;
    }
    if (value >= 10) {
      b[--i] = DIGIT_PAIRS[(value << 1) + 1];
      b[--i] = DIGIT_PAIRS[value << 1];
    } else {
      b[--i] = (byte) ('0' + value);
    }
    size = end;
  }

  /** Writes {@code value} in decimal ASCII. */
  void writeInt(int value) {
    writeInt(value, false);
  }

  /** Number of decimal digits of {@code value >= 0}. */
  private static int digits(int value) {
    if (value < 100_000) {
      if (value < 100) return value < 10 ? 1 : 2;
      return value < 1_000 ? 3 : value < 10_000 ? 4 : 5;
    }
    if (value < 10_000_000) return value < 1_000_000 ? 6 : 7;
    return value < 100_000_000 ? 8 : value < 1_000_000_000 ? 9 : 10;
  }

  /** Writes {@code ids} in decimal, separated by single spaces. */
  void writeIds(int[] ids) {
    for (int i = 0; i < ids.length; i++) writeInt(ids[i], i > 0);
  }

  /** Starts a new output line: the next id {@linkplain #accept accepted} goes first on it. */
  void startLine() {
    lineStart = size;
  }

  /** Writes an id of the current line, after a space unless it is the line's first. */
  @Override
  public void accept(int id) {
    writeInt(id, size != lineStart);
  }

  int size() {
    return size;
  }

  /** Forgets what was written, keeping the buffer. */
  void clear() {
    size = 0;
  }

  /** Writes the first {@code length} bytes written so far to {@code out}. */
  void writeTo(OutputStream out, int length) throws IOException {
    out.write(bytes, 0, length);
  }

  private void grow(int needed) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + needed));
  }

  /** Nothing to release; JSON generators close their target when done with it. */
  @Override
  public void close() {}
}
