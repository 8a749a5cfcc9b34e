package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code Strip} normalizer: removes leading and/or trailing white space (the White_Space
 * property, as Rust's {@code char::is_whitespace}), with the reference's alignment (see
 * {@link NormalizedString#strip}).
 */
public final class Strip implements Normalizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "Strip";

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

  /** It changes only the ends of a text. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return true;
  }

  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    if (from == to) return true;
    boolean leading = stripLeft && CharClasses.isWhiteSpace(Utf8Chars.codePoint(Utf8Chars.at(utf8, from, to, raw)));
    boolean trailing = stripRight && CharClasses.isWhiteSpace(Utf8Chars.codePoint(Utf8Chars.at(utf8, Utf8Chars.startBefore(utf8, from, to, raw), to, raw)));
    return !leading && !trailing;
  }

  @Override
  public void normalize(NormalizedString text) {
    if (stripLeft || stripRight) text.strip(stripLeft, stripRight);
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("strip_left", stripLeft());
    p.put("strip_right", stripRight());
    return new Stage(TYPE, p, List.of());
  }
}
