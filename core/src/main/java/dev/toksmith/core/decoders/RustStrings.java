package dev.toksmith.core.decoders;

/** String operations with the semantics of Rust's {@code str}, where Java's differ. */
final class RustStrings {
  private RustStrings() {}

  /**
   * Rust's {@code str::replace}: like {@link String#replace(CharSequence, CharSequence)}, except that
   * an empty {@code from} matches between code points (Java's matches between UTF-16 units, which
   * would cut surrogate pairs apart).
   */
  static String replace(String s, String from, String to) {
    if (!from.isEmpty()) return s.replace(from, to);
    StringBuilder out = new StringBuilder(s.length() + to.length() * (s.length() + 1));
    out.append(to);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      out.appendCodePoint(cp).append(to);
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
