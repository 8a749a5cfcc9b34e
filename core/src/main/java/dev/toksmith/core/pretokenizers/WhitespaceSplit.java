package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;

/** Hugging Face's {@code WhitespaceSplit}: splits on Rust's {@code char::is_whitespace} and drops it. */
public final class WhitespaceSplit implements PreTokenizer {
  public static final WhitespaceSplit INSTANCE = new WhitespaceSplit();

  private WhitespaceSplit() {}

  /** Whitespace is dropped: a space always ends a piece. */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    return at < text.length() && text.charAt(at) == ' ' ? Boundary.ALWAYS : Boundary.UNKNOWN;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    CodePointRuns.split(segment, cp -> CharClasses.isWhiteSpace(cp) ? CodePointRuns.DROPPED : 1, pieces);
  }

  @Override
  public Stage describe() {
    return Stage.of("WhitespaceSplit");
  }
}
