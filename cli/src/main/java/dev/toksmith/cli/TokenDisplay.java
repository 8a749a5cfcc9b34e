package dev.toksmith.cli;

import dev.toksmith.api.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * How the CLI shows tokens to people ({@link #visible}, {@link #quoted}) and writes them in {@code
 * --format tokens} ({@link #appendEscaped}): the one place that decides what a space, a control
 * character or a piece of a character looks like.
 */
final class TokenDisplay {
  private TokenDisplay() {}

  /**
   * {@code text} with spaces as {@code ␣}, newline and tab as {@code \n} and {@code \t}, other C0
   * controls and U+FFFD as {@code \xNN}; everything else as itself.
   */
  static String visible(String text) {
    return shown(text, true);
  }

  /** {@code text} as {@link #visible} shows it but with spaces as they are: a term or a line in a column. */
  static String escaped(String text) {
    return shown(text, false);
  }

  private static String shown(String text, boolean markSpaces) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == ' ' && markSpaces) sb.append('␣');
      else if (cp == '\n') sb.append("\\n");
      else if (cp == '\t') sb.append("\\t");
      else if (cp < 0x20 || cp == 0xFFFD) sb.append(String.format(Locale.ROOT, "\\x%02x", cp));
      else sb.appendCodePoint(cp);
    });
    return sb.toString();
  }

  /** {@code text} {@link #visible} in single quotes, as {@code inspect} lists tokens and words. */
  static String quoted(String text) {
    return "'" + visible(text) + "'";
  }

  /** Tokens {@link #visible} in brackets, as {@code [res][␣jud][icata]}. */
  static String segmentation(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    for (String t : tokens) sb.append('[').append(visible(t)).append(']');
    return sb.toString();
  }

  /** Token {@code id} {@link #quoted}, or its bytes in hex ({@code <E6 9D>}) when it is a piece of a character. */
  static String token(Tokenizer tok, int id) {
    byte[] bytes = tok.decodeBytes(new int[] {id}, false);
    if (!isUtf8(bytes)) {
      StringBuilder hex = new StringBuilder("<");
      for (byte b : bytes) hex.append(hex.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%02X", b & 0xFF));
      return hex.append('>').toString();
    }
    return quoted(tok.decode(new int[] {id}));
  }

  /** Whether {@code bytes} is well-formed UTF-8 (the JDK's decoder refuses encoded surrogates too). */
  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A byte: printable ASCII as itself, anything else as {@code \xNN}. */
  static String ofByte(int b) {
    return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format(Locale.ROOT, "\\x%02x", b);
  }

  /**
   * Appends {@code token} as {@code --format tokens} writes a vocabulary form on a line of
   * space-separated tokens: space, tab, newline, carriage return and backslash escaped, so that the
   * form reads back unchanged.
   */
  static void appendEscaped(StringBuilder sb, String token) {
    for (int k = 0; k < token.length(); k++) {
      char c = token.charAt(k);
      switch (c) {
        case ' ' -> sb.append("\\s");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\\' -> sb.append("\\\\");
        default -> sb.append(c);
      }
    }
  }
}
