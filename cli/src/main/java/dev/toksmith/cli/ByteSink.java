package dev.toksmith.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A growable byte buffer that one batch of output lines is written into, with decimal integers
 * written digit by digit (no String per number): ids are most of what encode writes. As an {@link
 * IntConsumer} it takes the ids of the current line, written space-separated.
 */
final class ByteSink extends OutputStream implements IntConsumer {
  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

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

  /** Writes {@code value} in decimal ASCII. */
  void writeInt(int value) {
    if (value < 0) {
      // Never an id; not worth a second digit loop.
      write(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    int digits = 1;
    while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits]) digits++;
    if (size + digits > bytes.length) grow(digits);
    int end = size + digits;
    for (int i = end - 1; i >= size; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size = end;
  }

  /** Writes {@code ids} in decimal, separated by single spaces. */
  void writeIds(int[] ids) {
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) write(' ');
      writeInt(ids[i]);
    }
  }

  /** Starts a new output line: the next id {@linkplain #accept accepted} goes first on it. */
  void startLine() {
    lineStart = size;
  }

  /** Writes an id of the current line, after a space unless it is the line's first. */
  @Override
  public void accept(int id) {
    if (size != lineStart) write(' ');
    writeInt(id);
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
