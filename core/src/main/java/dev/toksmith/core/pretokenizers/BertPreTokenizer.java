package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;

/**
 * Hugging Face's {@code BertPreTokenizer}: drops whitespace, and makes every punctuation character
 * (as {@link Punctuation} defines it) a piece of its own.
 */
public final class BertPreTokenizer implements PreTokenizer {
  public static final BertPreTokenizer INSTANCE = new BertPreTokenizer();

  private BertPreTokenizer() {}

  /** Whitespace is dropped: a space always ends a piece. */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    return at < text.length() && text.charAt(at) == ' ' ? Boundary.ALWAYS : Boundary.UNKNOWN;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    CodePointRuns.split(segment, cp -> {
      if (CharClasses.isWhiteSpace(cp)) return CodePointRuns.DROPPED;
      return Punctuation.isPunctuation(cp) ? CodePointRuns.ALONE : 1;
    }, pieces);
  }

  @Override
  public Stage describe() {
    return Stage.of("BertPreTokenizer");
  }
}
