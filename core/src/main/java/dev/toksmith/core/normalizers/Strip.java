package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.unicode.CharClasses;

/**
 * Hugging Face's {@code Strip} normalizer: removes leading and/or trailing white space (the White_Space
 * property, as Rust's {@code char::is_whitespace}), with the reference's alignment (see
 * {@link NormalizedString#strip}).
 */
public final class Strip implements Normalizer {
  private final boolean stripLeft;
  private final boolean stripRight;

  public Strip(boolean stripLeft, boolean stripRight) {
    this.stripLeft = stripLeft;
    this.stripRight = stripRight;
  }

  public boolean stripLeft() {
    return stripLeft;
  }

  public boolean stripRight() {
    return stripRight;
  }

  @Override
  public boolean mayChange(CharSequence text) {
    int n = text.length();
    return n > 0 && ((stripLeft && CharClasses.isWhiteSpace(Character.codePointAt(text, 0))) || (stripRight && CharClasses.isWhiteSpace(Character.codePointBefore(text, n))));
  }

  @Override
  public void normalize(NormalizedString text) {
    if (stripLeft || stripRight) text.strip(stripLeft, stripRight);
  }
}
