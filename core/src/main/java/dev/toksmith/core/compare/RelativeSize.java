package dev.toksmith.core.compare;

import java.util.Locale;

/**
 * How many tokens one tokenizer needs relative to a baseline on the same text, said both ways so
 * that no reader has to guess which way a percentage points: {@code ratio} 0.91 reads "A uses 9.0%
 * fewer tokens than B; B uses 9.9% more than A". Percentages are relative to the tokenizer named
 * last in each clause.
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

  /** Both directions in one sentence, percentages with one decimal. */
  public String sentence() {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio) || ratio == 0) {
      return "no comparison: " + (ratio == 0 ? tokenizer : baseline) + " produced no tokens";
    }
    if (ratio == 1) return tokenizer + " uses as many tokens as " + baseline;
    double small = Math.min(ratio, 1 / ratio);
    String fewerClause = String.format(Locale.ROOT, "%.1f%% fewer", (1 - small) * 100);
    String moreClause = String.format(Locale.ROOT, "%.1f%% more", (1 / small - 1) * 100);
    return ratio < 1
        ? tokenizer + " uses " + fewerClause + " tokens than " + baseline + "; " + baseline + " uses " + moreClause + " than " + tokenizer
        : tokenizer + " uses " + moreClause + " tokens than " + baseline + "; " + baseline + " uses " + fewerClause + " than " + tokenizer;
  }
}
