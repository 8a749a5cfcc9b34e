package dev.toksmith.core.pretokenizers;

/** Builds split patterns from their tokenizer.json form. */
public final class SplitPatterns {
  private SplitPatterns() {}

  /** A regex pattern: an exact scanner when one exists for it, {@code java.util.regex} otherwise. */
  public static SplitPattern regex(String regex) {
    if (regex.equals(Gpt2Pattern.REGEX)) return Gpt2Pattern.INSTANCE;
    return new RegexPattern(regex);
  }

  /** A literal string pattern. */
  public static SplitPattern literal(String literal) {
    if (literal.isEmpty()) return (text, matches) -> {};
    return (text, matches) -> {
      String s = text.toString();
      for (int at = s.indexOf(literal); at >= 0; at = s.indexOf(literal, at + literal.length())) {
        matches.match(at, at + literal.length());
      }
    };
  }
}
