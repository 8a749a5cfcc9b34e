package dev.toksmith.core.text;

import java.util.function.IntPredicate;

/**
 * Reads the characters of UTF-8 bytes one at a time, for code that scans text as bytes. Two kinds of
 * input, as {@link Utf8} defines them:
 *
 * <ul>
 *   <li>text ({@code raw} false): the WTF-8 of a Java string ({@link Utf8#encode}), well-formed by
 *       construction; an unpaired surrogate's three bytes are one character;
 *   <li>raw bytes ({@code raw} true): anything; valid UTF-8 is read as characters and every other byte
 *       is one character of its own, U+DC80..U+DCFF, exactly as {@link Utf8#decodeEscaped} reads it
 *       (so surrogate encodings, overlong forms and truncated sequences are invalid byte by byte).
 * </ul>
 *
 * <p>A character comes packed in an int: its code point in the low 24 bits, its length in bytes in the
 * high 8 ({@link #codePoint}, {@link #length}). Nothing allocates.
 */
public final class Utf8Chars {
  private static final int ESCAPE_BASE = 0xDC00;

  private Utf8Chars() {}

  /** The character starting at {@code bytes[i]}, {@code i < to}, packed. */
  public static int at(byte[] bytes, int i, int to, boolean raw) {
    int b0 = bytes[i];
    if (b0 >= 0) return (1 << 24) | b0;
    return raw ? rawAt(bytes, i, to) : textAt(bytes, i, b0 & 0xFF);
  }

  /** The code point of a packed character. */
  public static int codePoint(int packed) {
    return packed & 0xFFFFFF;
  }

  /** The length in bytes of a packed character. */
  public static int length(int packed) {
    return packed >>> 24;
  }

  /** Whether no character of {@code bytes[from, to)} has a code point that {@code test} accepts. */
  public static boolean noneMatch(byte[] bytes, int from, int to, boolean raw, IntPredicate test) {
    for (int i = from; i < to; ) {
      int c = at(bytes, i, to, raw);
      if (test.test(codePoint(c))) return false;
      i += length(c);
    }
    return true;
  }

  /** WTF-8 of a string: the lead byte gives the length, and the bytes are well-formed. */
  private static int textAt(byte[] bytes, int i, int b0) {
    if (b0 < 0xE0) return (2 << 24) | ((b0 & 0x1F) << 6) | (bytes[i + 1] & 0x3F);
    if (b0 < 0xF0) return (3 << 24) | ((b0 & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
    return (4 << 24) | ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
  }

  /** Any bytes: a valid sequence is one character, every byte of an invalid one a character of its own. */
  private static int rawAt(byte[] bytes, int i, int to) {
    int b0 = bytes[i] & 0xFF;
    int need;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 2;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 3;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return escaped(b0);
    }
    if (i + need >= to) return escaped(b0);
    int b1 = bytes[i + 1] & 0xFF;
    if (b1 < lo || b1 > hi) return escaped(b0);
    if (need == 1) return (2 << 24) | ((b0 & 0x1F) << 6) | (b1 & 0x3F);
    int b2 = bytes[i + 2] & 0xFF;
    if ((b2 & 0xC0) != 0x80) return escaped(b0);
    if (need == 2) return (3 << 24) | ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
    int b3 = bytes[i + 3] & 0xFF;
    if ((b3 & 0xC0) != 0x80) return escaped(b0);
    return (4 << 24) | ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
  }

  private static int escaped(int b) {
    return (1 << 24) | (ESCAPE_BASE + b);
  }

  /** The start of the character that ends at {@code end} (exclusive), which must follow a character start at or after {@code from}. */
  public static int startBefore(byte[] bytes, int from, int end, boolean raw) {
    if (!raw) {
      int i = end - 1;
      while (i > from && (bytes[i] & 0xC0) == 0x80) i--;
      return i;
    }
    // Raw bytes may hold stray continuation bytes: step back over at most three and check the sequence.
    for (int k = Math.min(4, end - from); k > 1; k--) {
      if (length(rawAt(bytes, end - k, end)) == k) return end - k;
    }
    return end - 1;
  }
}
