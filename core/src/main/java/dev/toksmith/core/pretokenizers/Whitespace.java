package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;

/**
 * Hugging Face's {@code Whitespace} pre-tokenizer: the matches of {@code \w+|[^\w\s]+}, run by the
 * Rust {@code regex} crate (not Oniguruma), so word characters are that crate's {@code \w} and
 * whitespace is dropped. Each piece is a maximal run of word characters or of other non-space
 * characters.
 */
public final class Whitespace implements PreTokenizer {
  public static final Whitespace INSTANCE = new Whitespace();

  private static final int WORD = 1;
  private static final int OTHER = 2;

  private Whitespace() {}

  /** Whitespace is dropped: a space always ends a piece. */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    return at < text.length() && text.charAt(at) == ' ' ? Boundary.ALWAYS : Boundary.UNKNOWN;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    CodePointRuns.split(segment, cp -> {
      if (CharClasses.isWordChar(cp)) return WORD;
      return CharClasses.isWhiteSpace(cp) ? CodePointRuns.DROPPED : OTHER;
    }, pieces);
  }

  @Override
  public Stage describe() {
    return Stage.of("Whitespace");
  }
}
