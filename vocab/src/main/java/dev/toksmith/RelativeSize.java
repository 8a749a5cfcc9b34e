package dev.toksmith;

import java.util.Locale;

/**
 * How many tokens one tokenizer needs relative to a baseline on the same text, said both ways so
 * that no reader has to guess which way a percentage points: {@code ratio} 0.91 reads "A uses 9.0%
 * fewer tokens than B; B uses 9.9% more than A". Percentages are relative to the tokenizer named
 * last in each clause.
 *
 * <pre>{@code
 * RelativeSize r = comparison.results().relativeSize("o200k", "gpt2", "legal");
 * System.out.println(r.sentence());
 * }</pre>
 *
 * @param tokenizer the tokenizer compared
 * @param baseline the tokenizer compared against
 * @param ratio tokens of {@code tokenizer} / tokens of {@code baseline}; NaN or infinite when either
 *     has no tokens
 */
public record RelativeSize(String tokenizer, String baseline, double ratio) {

  /** {@code tokenizer}'s tokens relative to the baseline's, in percent: negative when it uses fewer. */
  public double percentChange() {
    return (ratio - 1) * 100;
  }

  /** The baseline's tokens relative to {@code tokenizer}'s, in percent: positive when {@code tokenizer} uses fewer. */
  public double baselinePercentChange() {
    return (1 / ratio - 1) * 100;
  }

  /**
   * How {@code tokenizer} compares, as the sentence's first clause says it: {@code "9.0% fewer"},
   * {@code "25.0% more"} or {@code "as many"}; null when there is no comparison.
   */
  public String tokenizerClause() {
    return comparable() ? clause(ratio) : null;
  }

  /** How the baseline compares with {@code tokenizer}, as the sentence's second clause says it; null when there is no comparison. */
  public String baselineClause() {
    return comparable() ? clause(1 / ratio) : null;
  }

  /** Both directions in one sentence, percentages with one decimal. */
  public String sentence() {
    if (!comparable()) return "no comparison: " + (ratio == 0 ? tokenizer : baseline) + " produced no tokens";
    if (ratio == 1) return tokenizer + " uses as many tokens as " + baseline;
    return tokenizer + " uses " + tokenizerClause() + " tokens than " + baseline + "; " + baseline + " uses " + baselineClause() + " than " + tokenizer;
  }

  private boolean comparable() {
    return !Double.isNaN(ratio) && !Double.isInfinite(ratio) && ratio != 0;
  }

  private static String clause(double ratio) {
    if (ratio == 1) return "as many";
    return String.format(Locale.ROOT, ratio < 1 ? "%.1f%% fewer" : "%.1f%% more", Math.abs(ratio - 1) * 100);
  }
}
