package dev.toksmith.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers with a fixed count of decimals, as {@code String.format(Locale.ROOT, "%.Nf", value)} writes
 * them, but without {@link java.util.Formatter}: its first use (its format parser and the locale data
 * it loads) cost every process that printed a summary 10-40 ms.
 */
final class Decimals {
  private Decimals() {}

  /** {@code value} with {@code places} decimals, rounded half up; NaN and the infinities as Java names them. */
  static String fixed(double value, int places) {
    if (!Double.isFinite(value)) return Double.toString(value);
    String text = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
    // BigDecimal has no negative zero; %.Nf keeps the sign of a negative value that rounds to zero.
    return (value < 0 || 1 / value < 0) && text.charAt(0) != '-' ? "-" + text : text;
  }
}
