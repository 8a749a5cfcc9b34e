package dev.toksmith.vocab.hf;

import java.util.Arrays;

/**
 * A cursor over JSON text held as UTF-8 bytes, reading just what {@link LargeFields} needs: strings
 * (decoded into UTF-8 bytes), non-negative integers, and values skipped whole. It checks less than a
 * full parser: whatever it does not expect makes it report failure ({@code -1}, {@code false}), and
 * the caller then reads the document with Jackson, which says exactly what is wrong.
 */
final class JsonBytes {
  final byte[] bytes;
  int pos;
  final int end;
  /** The last string read, as UTF-8: {@code text[0, length)}. */
  byte[] text = new byte[64];
  int length;

  JsonBytes(byte[] bytes, int from, int end) {
    this.bytes = bytes;
    this.pos = from;
    this.end = end;
  }

  /** Skips white space; returns the next byte, or -1 at the end. */
  int peek() {
    while (pos < end) {
      byte b = bytes[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return b;
      pos++;
    }
    return -1;
  }

  /** Consumes {@code c} after white space, or returns false. */
  boolean take(char c) {
    if (peek() != c) return false;
    pos++;
    return true;
  }

  /** Reads a string into {@link #text}; false when there is none or it holds what this reader leaves to Jackson. */
  boolean string() {
    if (!take('"')) return false;
    length = 0;
    while (pos < end) {
      int b = bytes[pos++];
      if (b == '"') return true;
      if (b == '\\') {
        if (!escape()) return false;
      } else if (b >= 0 && b < 0x20) {
        return false; // control characters must be escaped
      } else {
        add(b);
      }
    }
    return false;
  }

  private boolean escape() {
    if (pos >= end) return false;
    int c = bytes[pos++];
    switch (c) {
      case '"', '\\', '/' -> add(c);
      case 'b' -> add('\b');
      case 'f' -> add('\f');
      case 'n' -> add('\n');
      case 'r' -> add('\r');
      case 't' -> add('\t');
      case 'u' -> {
        int cp = hex4();
        if (cp < 0) return false;
        if (Character.isHighSurrogate((char) cp)) {
          // Only a complete pair: an unpaired surrogate has no UTF-8, and Jackson's reading of it is the reference.
          if (pos + 1 >= end || bytes[pos] != '\\' || bytes[pos + 1] != 'u') return false;
          pos += 2;
          int low = hex4();
          if (low < 0 || !Character.isLowSurrogate((char) low)) return false;
          cp = Character.toCodePoint((char) cp, (char) low);
        } else if (Character.isLowSurrogate((char) cp)) {
          return false;
        }
        addCodePoint(cp);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private int hex4() {
    if (pos + 4 > end) return -1;
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = Character.digit(bytes[pos++], 16);
      if (d < 0) return -1;
      v = (v << 4) | d;
    }
    return v;
  }

  private void add(int b) {
    if (length == text.length) text = Arrays.copyOf(text, length * 2);
    text[length++] = (byte) b;
  }

  private void addCodePoint(int cp) {
    if (cp < 0x80) {
      add(cp);
    } else if (cp < 0x800) {
      add(0xC0 | (cp >> 6));
      add(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      add(0xE0 | (cp >> 12));
      add(0x80 | ((cp >> 6) & 0x3F));
      add(0x80 | (cp & 0x3F));
    } else {
      add(0xF0 | (cp >> 18));
      add(0x80 | ((cp >> 12) & 0x3F));
      add(0x80 | ((cp >> 6) & 0x3F));
      add(0x80 | (cp & 0x3F));
    }
  }

  /** Skips a string without decoding it. */
  private boolean skipString() {
    pos++; // the opening quote
    while (pos < end) {
      int b = bytes[pos++];
      if (b == '"') return true;
      if (b == '\\') pos++;
    }
    return false;
  }

  /** Whether the last string read is {@code ascii}. */
  boolean textIs(String ascii) {
    if (length != ascii.length()) return false;
    for (int i = 0; i < length; i++) if (text[i] != ascii.charAt(i)) return false;
    return true;
  }

  /**
   * Reads an integer in {@code [0, Integer.MAX_VALUE]} written plainly (no sign, fraction or exponent),
   * or returns -1 leaving the cursor where it was.
   */
  int nonNegativeInt() {
    peek();
    int start = pos;
    long v = 0;
    while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
      v = v * 10 + (bytes[pos++] - '0');
      if (v > Integer.MAX_VALUE) break;
    }
    boolean plain = pos > start && v <= Integer.MAX_VALUE && (pos - start == 1 || bytes[start] != '0')
        && (pos >= end || (bytes[pos] != '.' && bytes[pos] != 'e' && bytes[pos] != 'E' && !(bytes[pos] >= '0' && bytes[pos] <= '9')));
    if (!plain) {
      pos = start;
      return -1;
    }
    return (int) v;
  }

  /** Skips one value of any kind (strings by their quotes, containers by their brackets); false if malformed. */
  boolean skipValue() {
    int first = peek();
    if (first == '"') return skipString();
    if (first == '{' || first == '[') {
      int depth = 0;
      while (pos < end) {
        int b = bytes[pos];
        if (b == '"') {
          if (!skipString()) return false;
          continue;
        }
        pos++;
        if (b == '{' || b == '[') depth++;
        else if ((b == '}' || b == ']') && --depth == 0) return true;
      }
      return false;
    }
    // A number or a literal: up to the next delimiter.
    int start = pos;
    while (pos < end) {
      int b = bytes[pos];
      if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t') break;
      pos++;
    }
    return pos > start;
  }
}
