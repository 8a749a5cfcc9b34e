package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.unicode.CharClasses;

/** Hugging Face's {@code WhitespaceSplit}: splits on Rust's {@code char::is_whitespace} and drops it. */
public final class WhitespaceSplit implements PreTokenizer {
  public static final WhitespaceSplit INSTANCE = new WhitespaceSplit();

  private WhitespaceSplit() {}

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    CodePointRuns.split(segment, cp -> CharClasses.isWhiteSpace(cp) ? CodePointRuns.DROPPED : 1, pieces);
  }
}
