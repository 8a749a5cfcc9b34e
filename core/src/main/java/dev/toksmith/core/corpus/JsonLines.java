package dev.toksmith.core.corpus;

import java.util.Arrays;

/**
 * Reads one string field out of a JSON line, with a small strict JSON parser (RFC 8259).
 *
 * <p>The whole line must be one JSON object, optionally surrounded by JSON whitespace (space, tab,
 * CR, LF; so a trailing {@code "\r\n"} is fine). Every member value is checked, whatever its type and
 * nesting depth (nesting is handled without recursion), and anything after the object is an error.
 * Strictness follows RFC 8259: no comments, no trailing commas, no single quotes, no leading zeros,
 * {@code NaN} or {@code Infinity}, no unescaped control characters (below U+0020) in strings; a byte
 * order mark is not whitespace.
 *
 * <p>String escapes are decoded exactly; {@code \uD83D\uDE00} becomes the surrogate pair of U+1F600,
 * and a lone escaped surrogate such as {@code \uD800} becomes that lone surrogate {@code char} in the
 * Java string, as JavaScript and Python do, rather than an error or U+FFFD. The field given twice is
 * an error (JavaScript and Python would take the last occurrence, other readers the first).
 */
public final class JsonLines {
  private final String line;
  private int pos;

  private JsonLines(String line) {
    this.line = line;
  }

  /** Whether {@code line} holds nothing but JSON whitespace; such lines carry no document. */
  public static boolean isBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (!isWhitespace(line.charAt(i))) return false;
    }
    return true;
  }

  /**
   * The string value of the top-level member {@code field} of the JSON object that {@code line} holds.
   *
   * @throws JsonLineException if the line is not valid JSON, not an object, lacks the field, or the
   *     field's value is not a string
   */
  public static String stringField(String line, String field) throws JsonLineException {
    return new JsonLines(line).objectField(field);
  }

  private String objectField(String field) throws JsonLineException {
    skipWhitespace();
    if (pos == line.length()) throw invalid("the line is empty");
    if (line.charAt(pos) != '{') {
      String kind = kindOfValueAt();
      skipValue();
      expectEnd();
      throw new JsonLineException("expected a JSON object, found " + kind);
    }
    pos++;
    String value = null;
    String kind = null;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
    } else {
      int wantedAt = -1;
      while (true) {
        int keyAt = pos;
        boolean wanted = keyEquals(field);
        skipWhitespace();
        expect(':');
        skipWhitespace();
        if (wanted) {
          if (wantedAt >= 0) throw new JsonLineException("field \"" + field + "\" is given twice (columns " + (wantedAt + 1) + " and " + (keyAt + 1) + ")");
          wantedAt = keyAt;
          kind = kindOfValueAt();
          if (peek() == '"') {
            value = parseString();
          } else {
            value = null;
            skipValue();
          }
        } else {
          skipValue();
        }
        skipWhitespace();
        char c = next("',' or '}'");
        if (c == '}') break;
        if (c != ',') throw unexpected(pos - 1, "',' or '}'");
        skipWhitespace();
      }
    }
    expectEnd();
    if (kind == null) throw new JsonLineException("field \"" + field + "\" is missing");
    if (value == null) {
      throw new JsonLineException("field \"" + field + "\" is not a string (found " + kind + ")");
    }
    return value;
  }

  /** Parses the member name at {@code pos} and tells whether it equals {@code field}. */
  private boolean keyEquals(String field) throws JsonLineException {
    if (peek() != '"') throw unexpected(pos, "a member name in double quotes");
    int start = pos + 1;
    boolean escaped = skipString();
    if (!escaped) {
      int length = pos - 1 - start;
      return length == field.length() && line.regionMatches(start, field, 0, length);
    }
    pos = start - 1;
    return parseString().equals(field);
  }

  private void expectEnd() throws JsonLineException {
    skipWhitespace();
    if (pos < line.length()) throw unexpected(pos, "the end of the line");
  }

  /**
   * Skips the value at {@code pos}, whatever it is. Containers are tracked on an explicit stack, so
   * that deeply nested input cannot overflow the call stack.
   */
  private void skipValue() throws JsonLineException {
    boolean[] inObject = new boolean[8];
    int depth = 0;
    while (true) {
      char c = next("a value");
      boolean valueComplete = true;
      switch (c) {
        case '{', '[' -> {
          if (depth == inObject.length) inObject = Arrays.copyOf(inObject, depth * 2);
          inObject[depth++] = c == '{';
          skipWhitespace();
          char close = c == '{' ? '}' : ']';
          if (peek() == close) {
            pos++;
            depth--;
          } else {
            if (c == '{') skipMemberName();
            valueComplete = false;
          }
        }
        case '"' -> {
          pos--;
          skipString();
        }
        case 't' -> skipLiteral("true");
        case 'f' -> skipLiteral("false");
        case 'n' -> skipLiteral("null");
        default -> {
          pos--;
          skipNumber();
        }
      }
      if (!valueComplete) continue;
      // After a value: close finished containers until one expects a next element.
      while (true) {
        if (depth == 0) return;
        skipWhitespace();
        boolean object = inObject[depth - 1];
        char after = next(object ? "',' or '}'" : "',' or ']'");
        if (after == ',') {
          skipWhitespace();
          if (object) skipMemberName();
          break;
        }
        if (after != (object ? '}' : ']')) throw unexpected(pos - 1, object ? "',' or '}'" : "',' or ']'");
        depth--;
      }
    }
  }

  /** Skips {@code "name" :} and the whitespace after it. */
  private void skipMemberName() throws JsonLineException {
    if (peek() != '"') throw unexpected(pos, "a member name in double quotes");
    skipString();
    skipWhitespace();
    expect(':');
    skipWhitespace();
  }

  private void skipLiteral(String literal) throws JsonLineException {
    int start = pos - 1;
    if (!line.startsWith(literal, start)) {
      int end = start;
      while (end < line.length() && end - start < 20 && Character.isLetterOrDigit(line.charAt(end))) end++;
      throw invalid("unknown literal '" + line.substring(start, end) + "' at column " + (start + 1));
    }
    pos = start + literal.length();
  }

  private void skipNumber() throws JsonLineException {
    int start = pos;
    if (peek() == '-') pos++;
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      skipDigits();
    } else {
      throw unexpected(pos, pos == start ? "a value" : "a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) throw unexpected(pos, "a digit");
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      if (!isDigit(peek())) throw unexpected(pos, "a digit");
      skipDigits();
    }
  }

  private void skipDigits() {
    while (isDigit(peek())) pos++;
  }

  /**
   * Checks the string at {@code pos} and moves past its closing quote; returns whether it holds escapes.
   */
  private boolean skipString() throws JsonLineException {
    pos++;
    boolean escaped = false;
    while (true) {
      if (pos == line.length()) throw unterminatedString();
      char c = line.charAt(pos++);
      if (c == '"') return escaped;
      if (c == '\\') {
        escaped = true;
        escapedChar();
      } else if (c < 0x20) {
        throw invalid("unescaped control character " + describe(c) + " in a string at column " + pos);
      }
    }
  }

  /** Decodes the string at {@code pos} and moves past its closing quote. */
  private String parseString() throws JsonLineException {
    int start = pos + 1;
    if (!skipString()) return line.substring(start, pos - 1);
    StringBuilder out = new StringBuilder(pos - start);
    int end = pos - 1;
    pos = start;
    while (pos < end) {
      char c = line.charAt(pos++);
      out.append(c == '\\' ? escapedChar() : c);
    }
    pos = end + 1;
    return out.toString();
  }

  /** Decodes the escape after a backslash at {@code pos - 1}; each {@code \\u} escape is one char. */
  private char escapedChar() throws JsonLineException {
    if (pos == line.length()) throw unterminatedString();
    char c = line.charAt(pos++);
    switch (c) {
      case '"', '\\', '/' -> {
        return c;
      }
      case 'b' -> {
        return '\b';
      }
      case 'f' -> {
        return '\f';
      }
      case 'n' -> {
        return '\n';
      }
      case 'r' -> {
        return '\r';
      }
      case 't' -> {
        return '\t';
      }
      case 'u' -> {
        int unit = 0;
        for (int i = 0; i < 4; i++) {
          int digit = pos < line.length() ? hexValue(line.charAt(pos)) : -1;
          if (digit < 0) {
            throw invalid("\\u must be followed by four hex digits at column " + (pos + 1));
          }
          unit = unit << 4 | digit;
          pos++;
        }
        return (char) unit;
      }
      default -> throw invalid("invalid escape \\" + printable(c) + " at column " + (pos - 1));
    }
  }

  /** Names the kind of the JSON value that starts at {@code pos}, for messages. */
  private String kindOfValueAt() {
    return switch (peek()) {
      case '{' -> "an object";
      case '[' -> "an array";
      case '"' -> "a string";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      default -> "a number";
    };
  }

  private void skipWhitespace() {
    while (pos < line.length() && isWhitespace(line.charAt(pos))) pos++;
  }

  /** The char at {@code pos}, or U+0000 at the end of the line (never valid where peeked). */
  private char peek() {
    return pos < line.length() ? line.charAt(pos) : '\0';
  }

  private char next(String expected) throws JsonLineException {
    if (pos == line.length()) throw unexpected(pos, expected);
    return line.charAt(pos++);
  }

  private void expect(char c) throws JsonLineException {
    if (peek() != c) throw unexpected(pos, "'" + c + "'");
    pos++;
  }

  private JsonLineException unexpected(int at, String expected) {
    String found = at >= line.length() ? "the end of the line" : describe(line.charAt(at));
    return invalid("expected " + expected + " but found " + found + " at column " + (at + 1));
  }

  private static JsonLineException unterminatedString() {
    return invalid("string not closed before the end of the line");
  }

  private static JsonLineException invalid(String detail) {
    return new JsonLineException("invalid JSON: " + detail);
  }

  private static String describe(char c) {
    if (c == '\uFEFF') return "a byte order mark (U+FEFF)";
    if (c < 0x20 || c == 0x7F || Character.isWhitespace(c) || Character.isSurrogate(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7F ? String.format("U+%04X", (int) c) : String.valueOf(c);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** The value of an ASCII hex digit, or -1 (unlike Character.digit, which takes other scripts' digits). */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
