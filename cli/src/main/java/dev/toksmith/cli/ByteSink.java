package dev.toksmith.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that one batch of output lines is written into, with decimal integers
 * written digit by digit (no String per number): ids are most of what encode writes.
 */
final class ByteSink extends OutputStream {
  private byte[] bytes;
  private int size;

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
    if (size + 11 > bytes.length) grow(11);
    long v = value;
    if (v < 0) {
      bytes[size++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; p <= v; p *= 10) digits++;
    int end = size + digits;
    for (int i = end - 1; i >= size; i--) {
      bytes[i] = (byte) ('0' + v % 10);
      v /= 10;
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

  int size() {
    return size;
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
