package dev.toksmith.core.pretokenizers;

/**
 * What a pre-tokenizer does at a place where a long text may be cut into windows ({@link
 * PreTokenizer#boundaryAt}).
 */
public enum Boundary {
  /** A piece ends there, whatever text lies further away: the pieces on either side do not depend on the other side. */
  ALWAYS,
  /**
   * Pieces near there depend only on the text near there, and a piece may or may not end there (the
   * model then decides whether the text can be cut).
   */
  LOCAL,
  /** Cannot be told: the text is not cut there. */
  UNKNOWN;

  /** Whether {@code text[at]} is a space (U+0020) between two ASCII letters or digits: where windows are cut. */
  public static boolean isWordGap(CharSequence text, int at) {
    return at > 0 && at + 1 < text.length() && text.charAt(at) == ' ' && isAsciiAlnum(text.charAt(at - 1)) && isAsciiAlnum(text.charAt(at + 1));
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** The boundary of stages applied one after the other: any that always splits there splits the result, unless one cannot tell. */
  static Boundary ofStages(Iterable<Boundary> stages) {
    Boundary all = LOCAL;
    for (Boundary b : stages) {
      if (b == UNKNOWN) return UNKNOWN;
      if (b == ALWAYS) all = ALWAYS;
    }
    return all;
  }
}
