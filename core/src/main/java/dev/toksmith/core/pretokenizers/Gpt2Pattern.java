package dev.toksmith.core.pretokenizers;

/**
 * GPT-2's split pattern, hand-written: {@value #REGEX}. Matches exactly what Hugging Face's
 * Oniguruma finds with that regex (Unicode 16 letters and numbers, {@code \s} as White_Space), and
 * unlike {@code java.util.regex} it does not depend on the JDK's Unicode version.
 */
public final class Gpt2Pattern extends CoveringPattern {
  /** The regex this scanner implements, as it appears in tokenizer.json files. */
  public static final String REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  public static final Gpt2Pattern INSTANCE = new Gpt2Pattern();

  private Gpt2Pattern() {}

  /**
   * A space between ASCII letters or digits: the run before it ends there, and the space starts the
   * next match (with the word after it, or alone before digits), whatever comes before or after.
   */
  @Override
  public boolean matchBoundaryAt(CharSequence text, int at) {
    return Boundary.isWordGap(text, at);
  }

  @Override
  public String scanner() {
    return "GPT-2 scanner";
  }

  @Override
  public String representatives(String text) {
    return SplitClasses.representatives(text, false);
  }

  @Override
  int matchAt(byte[] s, int i, int n, boolean raw) {
    byte c = s[i];
    if (c == '\'' && i + 1 < n) {
      byte c1 = s[i + 1];
      if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') return i + 2;
      if (i + 2 < n) {
        byte c2 = s[i + 2];
        if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) return i + 3;
      }
    }
    int runStart = i;
    if (c == ' ' && i + 1 < n && SplitClasses.at(s, i + 1, n, raw) != SplitClasses.SPACE) {
      runStart = i + 1; // " ?" takes the space along with the run after it
    }
    int cls = SplitClasses.at(s, runStart, n, raw);
    if (cls != SplitClasses.SPACE) return SplitClasses.runEnd(s, runStart, n, cls, raw);
    // Whitespace: "\s+(?!\S)" leaves the last space of a run for the word after it; a run at the end
    // of the text, or a single space before a word ("\s+"), is taken whole.
    return SplitClasses.gpt2WhitespaceEnd(s, i, n, raw);
  }
}
