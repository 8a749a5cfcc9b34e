package dev.toksmith.cli;

/** How {@code --format tokens} writes a vocabulary form on a line of space-separated tokens. */
final class TokenForms {
  private TokenForms() {}

  /** Appends {@code token} with space, tab, newline, carriage return and backslash escaped. */
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
