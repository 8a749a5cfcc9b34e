package dev.toksmith.core.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and decodes each as UTF-8, streaming: memory grows with the
 * longest line, never with the stream.
 *
 * <p>Lines end at {@code '\n'} only and keep it; {@code '\r'} is ordinary text, so a CRLF line ends
 * in {@code "\r\n"}. The last line may lack its {@code '\n'}; an empty stream has no lines. A byte
 * order mark is text (U+FEFF), not stripped.
 *
 * <p>Decoding is strict UTF-8 (RFC 3629: no overlong forms, no surrogates U+D800..U+DFFF, nothing
 * above U+10FFFF). Each <em>maximal subpart</em> of an ill-formed sequence becomes one U+FFFD, the
 * practice of Unicode (chapter 3, "U+FFFD Substitution of Maximal Subparts"), the WHATWG Encoding
 * standard and Rust's {@code String::from_utf8_lossy}: a lead byte followed by the continuation
 * bytes that can still complete it forms one subpart; the first byte that cannot continue it is not
 * consumed and starts over. So {@code E2 82 41} gives U+FFFD "A"; {@code F0 80 80} gives three
 * U+FFFD (after F0 only 90..BF may follow); {@code ED A0 80}, an encoded surrogate, gives three
 * (after ED only 80..9F may follow); {@code C0 AF} gives two (C0, C1 and F5..FF never start a
 * sequence); a sequence cut short by the end of the stream gives one.
 *
 * <p>A line longer than the limit ({@link #MAX_LINE_CHARS} unless given) is refused with a {@link
 * LineTooLongException}, so that no input can make the line buffer grow past what an array holds.
 *
 * <p>Not thread-safe; one instance may read many streams in turn, and its counters add up across them.
 */
public final class Utf8LineReader {

  /** Receives lines. */
  @FunctionalInterface
  public interface LineHandler {

    /**
     * Takes one line.
     *
     * @param line the decoded line, with its {@code '\n'} unless it ended the stream without one
     * @param lineNumber 1 for the first line of the stream
     */
    void line(String line, long lineNumber) throws IOException;
  }

  /** The longest line read by default, in UTF-16 units with its newline: 256 Mi, half a gigabyte of chars. */
  public static final int MAX_LINE_CHARS = 1 << 28;

  /** A line longer than the reader's limit. */
  public static final class LineTooLongException extends IOException {
    private final long lineNumber;

    LineTooLongException(long lineNumber, int limit) {
      super("longer than " + limit + " characters (its newline included), the most toksmith reads as one line (split the text into shorter lines)");
      this.lineNumber = lineNumber;
    }

    /** 1 for the first line of the stream. */
    public long lineNumber() {
      return lineNumber;
    }
  }

  private static final int BUFFER_BYTES = 1 << 16;
  private static final char REPLACEMENT = '\uFFFD';

  private final byte[] bytes = new byte[BUFFER_BYTES];
  private final Runnable afterRefill;
  private final int maxLineChars;
  /** Never longer than the limit, so that growing past it is where the limit is checked. */
  private char[] line;
  private long lineNumber;
  private int lineLength;
  private int pos;
  private int limit;
  private boolean eof;
  private long bytesDecoded;
  private long invalidSequences;

  /** Creates a reader that runs {@code afterRefill} after each block of bytes it reads. */
  public Utf8LineReader(Runnable afterRefill) {
    this(afterRefill, MAX_LINE_CHARS);
  }

  /** Creates a reader of lines up to {@code maxLineChars} UTF-16 units. */
  public Utf8LineReader(Runnable afterRefill, int maxLineChars) {
    if (maxLineChars < 1) throw new IllegalArgumentException("a line limit of " + maxLineChars);
    this.afterRefill = afterRefill;
    this.maxLineChars = maxLineChars;
    this.line = new char[Math.min(256, maxLineChars)];
  }

  /** Creates a reader. */
  public Utf8LineReader() {
    this(() -> {});
  }

  /** Bytes read from all streams so far. */
  public long bytesDecoded() {
    return bytesDecoded;
  }

  /** U+FFFD characters inserted for ill-formed input, over all streams so far. */
  public long invalidSequences() {
    return invalidSequences;
  }

  /**
   * Reads {@code in} to its end, handing each line to {@code handler}; does not close {@code in}.
   *
   * @throws LineTooLongException if a line is longer than the limit
   */
  public void read(InputStream in, LineHandler handler) throws IOException {
    pos = 0;
    limit = 0;
    eof = false;
    lineLength = 0;
    lineNumber = 1;
    while (pos < limit || refill(in)) {
      if (lineLength == 0) {
        // Fast path: an ASCII line whole in the buffer becomes a string in one copy.
        int end = pos;
        byte b = 0;
        while (end < limit && (b = bytes[end]) >= 0 && b != '\n') end++;
        if (end < limit && b == '\n' && end + 1 - pos <= maxLineChars) {
          handler.line(new String(bytes, pos, end + 1 - pos, StandardCharsets.ISO_8859_1), lineNumber++);
          pos = end + 1;
          continue;
        }
        appendAscii(end);
      }
      if (decodeUntilLineEnd(in)) {
        handler.line(new String(line, 0, lineLength), lineNumber++);
        lineLength = 0;
        // A long line's buffer is not kept for the short ones after it.
        if (line.length > BUFFER_BYTES) line = new char[256];
      }
    }
    if (lineLength > 0) {
      handler.line(new String(line, 0, lineLength), lineNumber);
      lineLength = 0;
    }
  }

  /** Appends the ASCII bytes from {@code pos} to {@code end} to the line. */
  private void appendAscii(int end) throws LineTooLongException {
    ensureRoom(end - pos);
    for (int i = pos; i < end; i++) line[lineLength++] = (char) bytes[i];
    pos = end;
  }

  /**
   * Decodes into the line until it ends (returns true) or the buffered bytes run out (returns false,
   * having consumed them all, except for a sequence that may still be completed by later bytes).
   */
  private boolean decodeUntilLineEnd(InputStream in) throws IOException {
    while (pos < limit) {
      int b = bytes[pos];
      if (b >= 0) {
        pos++;
        append((char) b);
        if (b == '\n') return true;
        continue;
      }
      int lead = b & 0xFF;
      int continuations;
      int lower = 0x80;
      int upper = 0xBF;
      int codePoint;
      if (lead >= 0xC2 && lead <= 0xDF) {
        continuations = 1;
        codePoint = lead & 0x1F;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        continuations = 2;
        codePoint = lead & 0x0F;
        if (lead == 0xE0) lower = 0xA0; // below: overlong
        if (lead == 0xED) upper = 0x9F; // above: surrogates
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        continuations = 3;
        codePoint = lead & 0x07;
        if (lead == 0xF0) lower = 0x90; // below: overlong
        if (lead == 0xF4) upper = 0x8F; // above: beyond U+10FFFF
      } else {
        pos++;
        replace();
        continue;
      }
      if (pos + continuations >= limit && !eof) {
        refill(in); // the sequence may go on in bytes not read yet
        continue;
      }
      int end = Math.min(pos + 1 + continuations, limit);
      int i = pos + 1;
      while (i < end) {
        int c = bytes[i] & 0xFF;
        if (c < lower || c > upper) break;
        codePoint = codePoint << 6 | c & 0x3F;
        lower = 0x80;
        upper = 0xBF;
        i++;
      }
      if (i == pos + 1 + continuations) {
        appendCodePoint(codePoint);
      } else {
        replace();
      }
      pos = i;
    }
    return false;
  }

  /**
   * Moves the unconsumed bytes to the front of the buffer and reads more after them. Returns false at
   * the end of the stream.
   */
  private boolean refill(InputStream in) throws IOException {
    if (eof) return false;
    int kept = limit - pos;
    System.arraycopy(bytes, pos, bytes, 0, kept);
    pos = 0;
    limit = kept;
    int n;
    do {
      n = in.read(bytes, limit, bytes.length - limit);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    bytesDecoded += n;
    afterRefill.run();
    return true;
  }

  private void replace() throws LineTooLongException {
    invalidSequences++;
    append(REPLACEMENT);
  }

  private void appendCodePoint(int codePoint) throws LineTooLongException {
    if (codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
      append((char) codePoint);
    } else {
      ensureRoom(2);
      line[lineLength++] = Character.highSurrogate(codePoint);
      line[lineLength++] = Character.lowSurrogate(codePoint);
    }
  }

  private void append(char c) throws LineTooLongException {
    if (lineLength == line.length) ensureRoom(1);
    line[lineLength++] = c;
  }

  private void ensureRoom(int chars) throws LineTooLongException {
    if (line.length - lineLength < chars) {
      long needed = (long) lineLength + chars;
      if (needed > maxLineChars) throw new LineTooLongException(lineNumber, maxLineChars);
      line = Arrays.copyOf(line, (int) Math.min(Math.max(2L * line.length, needed), maxLineChars));
    }
  }
}
