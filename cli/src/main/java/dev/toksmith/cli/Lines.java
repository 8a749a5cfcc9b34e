package dev.toksmith.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Reads byte lines ending at {@code \n} only; a {@code \r} stays part of the line, so CRLF and lone
 * CR input round-trips. Remembers whether the last line had its newline, so output can mirror it.
 */
final class Lines {
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean terminated;
  private long number;
  private long bytesRead;
  private final LongConsumer onRead;
  private final String name;

  /**
   * Reads lines from {@code in}, telling {@code onRead} the bytes read so far after each block;
   * {@code name} is how read errors refer to the input.
   */
  Lines(InputStream in, String name, LongConsumer onRead) {
    this.in = in;
    this.name = name;
    this.onRead = onRead;
  }

  /** Reads the next line; false at the end of input. */
  boolean next() throws IOException {
    lineLength = 0;
    while (true) {
      if (pos == limit) {
        try {
          limit = in.read(buffer, 0, buffer.length);
        } catch (IOException e) {
          throw new IOException(name + ": " + Errors.describe(e), e);
        }
        pos = 0;
        if (limit > 0) {
          bytesRead += limit;
          onRead.accept(bytesRead);
        }
        if (limit <= 0) {
          limit = 0;
          terminated = false;
          if (lineLength == 0) return false;
          number++;
          return true;
        }
      }
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') pos++;
      if ((long) lineLength + (pos - start) > LinePipeline.MAX_LINE_BYTES) {
        throw new IOException(name + ":" + (number + 1) + ": longer than " + LinePipeline.MAX_LINE_BYTES + " bytes, the most a line can hold here");
      }
      append(start, pos);
      if (pos < limit) {
        pos++;
        terminated = true;
        number++;
        return true;
      }
    }
  }

  private void append(int from, int to) {
    int n = to - from;
    if (lineLength + n > line.length) line = Arrays.copyOf(line, (int) Math.min(Math.max(2L * line.length, lineLength + n), LinePipeline.MAX_LINE_BYTES));
    System.arraycopy(buffer, from, line, lineLength, n);
    lineLength += n;
  }

  /** The current line's bytes, without its newline. */
  byte[] bytes() {
    return Arrays.copyOf(line, lineLength);
  }

  /** The current line decoded as strict UTF-8. */
  String text() throws java.nio.charset.CharacterCodingException {
    return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(line, 0, lineLength)).toString();
  }

  /** Whether the current line ended with {@code \n} (only the last line of the input may not). */
  boolean terminated() {
    return terminated;
  }

  /** Bytes read from the input so far. */
  long bytesRead() {
    return bytesRead;
  }

  /** 1-based number of the current line. */
  long number() {
    return number;
  }
}
