package dev.toksmith.core.text;

/**
 * UTF-8 as tokenizers need it: Java strings may hold unpaired surrogates and raw byte input may be
 * invalid, and both must survive a round trip through byte-level tokens.
 *
 * <ul>
 *   <li>Text encodes as WTF-8: valid characters as UTF-8, an unpaired surrogate as the three bytes
 *       UTF-8 would give its code point. Decoding turns those three bytes back into the surrogate,
 *       but only when unpaired: a high surrogate's three bytes directly followed by a low one's
 *       (CESU-8, which no string encodes to) are invalid like any other bytes, since joining them
 *       would turn six bytes into a character whose encoding is four.
 *   <li>Raw bytes that are not UTF-8 decode, in "escaped" mode, to U+DC80..U+DCFF (one unpaired low
 *       surrogate per invalid byte, as Python's {@code surrogateescape}); encoding in escaped mode
 *       turns each such surrogate back into its byte.
 *   <li>Lossy decoding replaces each maximal invalid subpart with one U+FFFD, as Rust's {@code
 *       String::from_utf8_lossy} (and so Hugging Face) does.
 * </ul>
 */
public final class Utf8 {
  private static final int ESCAPE_BASE = 0xDC00;

  /** Strings in code point order, which is UTF-8 byte order; String.compareTo (UTF-16 order) differs above U+FFFF. */
  public static final java.util.Comparator<String> CODE_POINT_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) return Integer.compare(x, y);
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  };

  private Utf8() {}

  /** Number of bytes of a code point in UTF-8 (a lone surrogate, in generalized UTF-8, has 3). */
  public static int length(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /** Byte {@code k} (0-based, below {@link #length}) of a code point in UTF-8. */
  public static int byteOf(int codePoint, int k) {
    int length = length(codePoint);
    if (length == 1) return codePoint;
    int shift = 6 * (length - 1 - k);
    return k == 0 ? LEAD_BYTES[length] | codePoint >>> shift : 0x80 | (codePoint >>> shift) & 0x3F;
  }

  /** The high bits of the first byte of a character of 2, 3 or 4 bytes. */
  private static final int[] LEAD_BYTES = {0, 0, 0xC0, 0xE0, 0xF0};

  /** The most UTF-16 units {@link #maxBytes} takes: three bytes each still fit an array. */
  public static final int MAX_ENCODED_CHARS = (Integer.MAX_VALUE - 8) / 3;

  /**
   * Upper bound of the bytes {@code chars} UTF-16 units encode to.
   *
   * @throws IllegalArgumentException if that is more than an array holds
   */
  public static int maxBytes(int chars) {
    if (chars > MAX_ENCODED_CHARS) {
      throw new IllegalArgumentException("a text of " + chars + " UTF-16 units is too long to encode at once (at most " + MAX_ENCODED_CHARS + ")");
    }
    return chars * 3;
  }

  /**
   * Encodes {@code s[from, to)} into {@code out} at {@code pos} (capacity {@link #maxBytes} is the
   * caller's job) and returns the position after the last byte written. When {@code charStarts} is
   * not null, {@code charStarts[k]} receives the index in {@code s} of the character byte {@code k -
   * pos} belongs to.
   */
  public static int encode(CharSequence s, int from, int to, boolean escapedBytes, byte[] out, int pos, int[] charStarts) {
    if (charStarts == null) {
      // Most text is ASCII: copy it in a tight loop, then take the general path from the first other char.
      int i = from;
      while (i < to) {
        char c = s.charAt(i);
        if (c >= 0x80) break;
        out[pos + i - from] = (byte) c;
        i++;
      }
      if (i == to) return pos + to - from;
      return encodeGeneral(s, i, to, escapedBytes, out, pos + i - from, null);
    }
    return encodeGeneral(s, from, to, escapedBytes, out, pos, charStarts);
  }

  /**
   * {@link #encode(CharSequence, int, int, boolean, byte[], int, int[])} of {@code chars[from, to)}
   * without escaped bytes or character starts: the same bytes, read from an array, for the counting
   * loops of training, which go through every character of the corpus.
   */
  public static int encode(char[] chars, int from, int to, byte[] out, int pos) {
    int p = pos;
    for (int i = from; i < to; i++) {
      char c = chars[i];
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        out[p++] = (byte) (0xF0 | (cp >> 18));
        out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  private static int encodeGeneral(CharSequence s, int from, int to, boolean escapedBytes, byte[] out, int pos, int[] charStarts) {
    int p = pos;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      int start = i;
      int before = p;
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[p++] = (byte) (0xF0 | (cp >> 18));
        out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (cp & 0x3F));
      } else if (escapedBytes && c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xFF) {
        out[p++] = (byte) (c - ESCAPE_BASE);
      } else {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
      if (charStarts != null) {
        for (int k = before; k < p; k++) charStarts[k - pos] = start;
      }
    }
    return p;
  }

  /**
   * Decodes the WTF-8 of a string (valid UTF-8, or an unpaired surrogate's three bytes, as {@link
   * #encode} writes them) {@code bytes[from, to)} into {@code out} (room for {@code to - from} chars)
   * and returns the number of chars. The bytes must be well formed; nothing is checked.
   */
  public static int decodeText(byte[] bytes, int from, int to, char[] out) {
    int n = 0;
    for (int i = from; i < to; ) {
      int b = bytes[i];
      if (b >= 0) {
        out[n++] = (char) b;
        i++;
      } else if (b >= (byte) 0xF0) {
        int cp = (b & 0x07) << 18 | (bytes[i + 1] & 0x3F) << 12 | (bytes[i + 2] & 0x3F) << 6 | bytes[i + 3] & 0x3F;
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
        i += 4;
      } else if (b >= (byte) 0xE0) {
        out[n++] = (char) ((b & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | bytes[i + 2] & 0x3F);
        i += 3;
      } else {
        out[n++] = (char) ((b & 0x1F) << 6 | bytes[i + 1] & 0x3F);
        i += 2;
      }
    }
    return n;
  }

  /** The WTF-8 bytes of {@code s}. */
  public static byte[] encode(CharSequence s) {
    byte[] out = new byte[maxBytes(s.length())];
    int n = encode(s, 0, s.length(), false, out, 0, null);
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * Decodes {@code bytes[from, to)}: valid UTF-8 and unpaired WTF-8 surrogates exactly, every maximal
   * invalid subpart as one U+FFFD.
   */
  public static String decode(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    decodeInto(bytes, from, to, false, out);
    return out.toString();
  }

  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes raw bytes so that {@link #encode(CharSequence, int, int, boolean, byte[], int, int[])}
   * in escaped mode gives them back: valid UTF-8 as text, every other byte as U+DC80..U+DCFF.
   */
  public static String decodeEscaped(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    decodeInto(bytes, from, to, true, out);
    return out.toString();
  }

  /** Whether {@code bytes} is well-formed UTF-8 (surrogate code points excluded). */
  public static boolean isValid(byte[] bytes) {
    return isValid(bytes, 0, bytes.length);
  }

  /** Whether {@code bytes[from, to)} is well-formed UTF-8 (surrogate code points excluded). */
  public static boolean isValid(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      if (bytes[i] >= 0) {
        i++;
        continue;
      }
      int n = sequenceLength(bytes, from, i, to, true);
      if (n < 0) return false;
      i += n;
    }
    return true;
  }

  /** Length of the well-formed UTF-8 sequence at {@code bytes[i]} (ending before {@code to}), or 0 if none starts there. */
  public static int validSequenceLength(byte[] bytes, int i, int to) {
    return Math.max(0, sequenceLength(bytes, i, i, to, true));
  }

  /**
   * Length of the longest prefix of {@code bytes[from, to)} that does not end inside a sequence that
   * later bytes could still complete; decoding that prefix and the rest separately gives the same
   * text as decoding the whole.
   */
  public static int settledPrefix(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      int n = sequenceLength(bytes, from, i, to, false);
      if (n == 0) return i - from; // incomplete but still valid so far
      // A high surrogate stays unsettled while a low one could still follow and make both invalid.
      if (n == 3 && isSurrogate(bytes, i, to, 0xA0) && couldStartLowSurrogate(bytes, i + 3, to)) return i - from;
      i += Math.abs(n);
    }
    return to - from;
  }

  /**
   * The text of each of {@code count} tokens whose bytes {@code bytesOf} gives: a character split
   * across tokens belongs to the token in which it ends, and the last token takes any bytes left
   * incomplete, so the texts join to the decoding of all the bytes.
   */
  public static java.util.List<String> splitBetweenTokens(int count, java.util.function.IntFunction<byte[]> bytesOf) {
    java.util.List<String> texts = new java.util.ArrayList<>(count);
    byte[] pending = new byte[0];
    for (int i = 0; i < count; i++) {
      byte[] bytes = bytesOf.apply(i);
      byte[] all = java.util.Arrays.copyOf(pending, pending.length + bytes.length);
      System.arraycopy(bytes, 0, all, pending.length, bytes.length);
      int settled = i == count - 1 ? all.length : settledPrefix(all, 0, all.length);
      texts.add(decode(all, 0, settled));
      pending = java.util.Arrays.copyOfRange(all, settled, all.length);
    }
    return texts;
  }

  /**
   * How each of {@code count} tokens whose bytes {@code bytesOf} gives reads on its own: the characters
   * wholly inside it as text, and each byte of a character split across tokens, or of invalid UTF-8,
   * as {@code \xNN}. The texts join to the decoding of all the bytes when no character is split.
   */
  public static java.util.List<String> showTokens(int count, java.util.function.IntFunction<byte[]> bytesOf) {
    int[] ends = new int[count];
    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    for (int t = 0; t < count; t++) {
      joined.writeBytes(bytesOf.apply(t));
      ends[t] = joined.size();
    }
    byte[] all = joined.toByteArray();
    StringBuilder[] texts = new StringBuilder[count];
    for (int t = 0; t < count; t++) texts[t] = new StringBuilder();
    int token = 0;
    int i = 0;
    while (i < all.length) {
      while (ends[token] <= i) token++;
      int n = sequenceLength(all, 0, i, all.length, false);
      int length = n > 0 ? n : n == 0 ? all.length - i : -n;
      if (n > 0 && i + n <= ends[token]) {
        texts[token].appendCodePoint(n == 1 ? all[i] : codePoint(all, i, n));
      } else {
        for (int k = i, owner = token; k < i + length; k++) {
          while (ends[owner] <= k) owner++;
          texts[owner].append(String.format(java.util.Locale.ROOT, "\\x%02x", all[k] & 0xFF));
        }
      }
      i += length;
    }
    java.util.List<String> out = new java.util.ArrayList<>(count);
    for (StringBuilder text : texts) out.add(text.toString());
    return out;
  }

  private static void decodeInto(byte[] bytes, int from, int to, boolean escaped, StringBuilder out) {
    int i = from;
    while (i < to) {
      int b = bytes[i];
      if (b >= 0) {
        out.append((char) b);
        i++;
        continue;
      }
      int n = sequenceLength(bytes, from, i, to, escaped);
      if (n > 0) {
        out.appendCodePoint(codePoint(bytes, i, n));
        i += n;
      } else {
        int invalid = n == 0 ? to - i : -n;
        if (escaped) {
          for (int k = 0; k < invalid; k++) out.append((char) (ESCAPE_BASE + (bytes[i + k] & 0xFF)));
        } else {
          out.append('\uFFFD');
        }
        i += invalid;
      }
    }
  }

  /**
   * Classifies the sequence starting at {@code i} of {@code bytes[from, to)}: its length when valid;
   * minus the length of its maximal invalid subpart when invalid (in escaped mode every invalid byte
   * stands alone, so -1); zero when it is a valid beginning cut off by {@code to}.
   */
  private static int sequenceLength(byte[] bytes, int from, int i, int to, boolean escaped) {
    int b0 = bytes[i] & 0xFF;
    // Paired surrogates are invalid from their first byte on, as in plain UTF-8.
    if (!escaped && isSurrogate(bytes, i, to, 0xA0) && isSurrogate(bytes, i + 3, to, 0xB0)) return -1;
    if (!escaped && isSurrogate(bytes, i, to, 0xB0) && i - 3 >= from && isSurrogate(bytes, i - 3, to, 0xA0)) return -1;
    int need;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 2;
      if (b0 == 0xE0) lo = 0xA0;
      // WTF-8 surrogates (ED A0..BF) are accepted when decoding text, not when escaping raw bytes.
      if (b0 == 0xED && escaped) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 3;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return -1;
    }
    for (int k = 1; k <= need; k++) {
      if (i + k >= to) return escaped ? -1 : 0;
      int b = bytes[i + k] & 0xFF;
      int min = k == 1 ? lo : 0x80;
      int max = k == 1 ? hi : 0xBF;
      if (b < min || b > max) return escaped ? -1 : -k;
    }
    return need + 1;
  }

  /** Whether {@code bytes[i, i + 3)} is a surrogate's WTF-8: ED, then 0xA0..0xAF (high) or 0xB0..0xBF (low). */
  private static boolean isSurrogate(byte[] bytes, int i, int to, int secondFrom) {
    return i + 3 <= to && (bytes[i] & 0xFF) == 0xED && (bytes[i + 1] & 0xF0) == secondFrom && (bytes[i + 2] & 0xC0) == 0x80;
  }

  /** Whether {@code bytes[i, to)}, shorter than three bytes, could begin a low surrogate's WTF-8. */
  private static boolean couldStartLowSurrogate(byte[] bytes, int i, int to) {
    int n = to - i;
    return n < 3 && (n < 1 || (bytes[i] & 0xFF) == 0xED) && (n < 2 || (bytes[i + 1] & 0xF0) == 0xB0);
  }

  /** The code point of the well-formed sequence of {@code n} (2 to 4) bytes at {@code bytes[i]}. */
  public static int codePoint(byte[] bytes, int i, int n) {
    int b0 = bytes[i] & 0xFF;
    return switch (n) {
      case 2 -> ((b0 & 0x1F) << 6) | (bytes[i + 1] & 0x3F);
      case 3 -> ((b0 & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
      default -> ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
    };
  }
}
