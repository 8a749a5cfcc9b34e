package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code Digits} pre-tokenizer: numeric characters (Rust's {@code char::is_numeric},
 * so {@code ½} and {@code Ⅳ} too) are split from the rest, each alone or as runs.
 */
public final class Digits implements PatternSplit {
  /** The tokenizer.json type. */
  public static final String TYPE = "Digits";

  private static final SplitPattern PATTERN = new CodePointPattern(CharClasses::isNumeric);

  private final boolean individualDigits;

  /** @param individualDigits every digit a piece of its own; otherwise a run of digits is one piece */
  public Digits(boolean individualDigits) {
    this.individualDigits = individualDigits;
  }

  public boolean individualDigits() {
    return individualDigits;
  }

  /** Its pieces depend only on the characters near them. */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    return Boundary.LOCAL;
  }

  @Override
  public SplitPattern splitPattern() {
    return PATTERN;
  }

  @Override
  public SplitBehavior splitBehavior() {
    return individualDigits ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    Split.split(segment, PATTERN, individualDigits ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS, false, pieces);
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of("individual_digits", individualDigits()), List.of());
  }
}
