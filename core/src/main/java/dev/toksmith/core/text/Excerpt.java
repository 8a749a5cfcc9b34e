package dev.toksmith.core.text;

/**
 * Input quoted in a message, made safe to print: cut to about {@link #LENGTH} characters (the cut
 * says how much was left out), and every control character shown as an escape ({@code \n}, {@code
 * \t}, {@code \x1b}, {@code \u0085}, ...), so that a message is one short line whatever the input held
 * and never sends a terminal escape sequences or NUL bytes. Unpaired surrogates show as {@code
 * \uD800}.
 */
public final class Excerpt {
  /** About how many characters of input a message quotes. */
  public static final int LENGTH = 100;

  private Excerpt() {}

  /** {@code text} in double quotes, cut and escaped; a quote or backslash inside is escaped too. */
  public static String quote(CharSequence text) {
    return '"' + escape(text, LENGTH, true) + '"';
  }

  /** {@code text} cut and escaped, without quotes. */
  public static String of(CharSequence text) {
    return escape(text, LENGTH, false);
  }

  /**
   * A whole message made safe: control characters escaped, and cut after {@code limit} characters.
   * For messages that may hold text from elsewhere (a library's, say).
   */
  public static String message(CharSequence text, int limit) {
    return escape(text, limit, false);
  }

  /** Raw bytes as text: valid UTF-8 as its characters, every other byte as {@code \xNN}; cut and escaped. */
  public static String ofBytes(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder();
    int i = from;
    int shown = 0;
    while (i < to && shown < LENGTH) {
      int b = bytes[i] & 0xFF;
      int n = b < 0x80 ? 1 : Utf8.validSequenceLength(bytes, i, to);
      if (n <= 0) {
        out.append(String.format("\\x%02x", b));
        i++;
      } else {
        appendEscaped(out, Utf8.decode(bytes, i, i + n).codePointAt(0), false);
        i += n;
      }
      shown++;
    }
    if (i < to) out.append("... (").append(to - i).append(" more bytes)");
    return out.toString();
  }

  private static String escape(CharSequence text, int limit, boolean quoted) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 16);
    int i = 0;
    int shown = 0;
    while (i < text.length() && shown < limit) {
      int cp = Character.codePointAt(text, i);
      appendEscaped(out, cp, quoted);
      i += Character.charCount(cp);
      shown++;
    }
    if (i < text.length()) out.append("... (").append(Character.codePointCount(text, i, text.length())).append(" more characters)");
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, int cp, boolean quoted) {
    switch (cp) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '"', '\\' -> {
        if (quoted) out.append('\\');
        out.append((char) cp);
      }
      default -> {
        if (cp < 0x20 || cp == 0x7F) out.append(String.format("\\x%02x", cp));
        else if ((cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || (cp >= 0xD800 && cp <= 0xDFFF)) out.append(String.format("\\u%04x", cp));
        else out.appendCodePoint(cp);
      }
    }
  }
}
