package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.List;
import java.util.Map;

/** Hugging Face's {@code CharDelimiterSplit}: splits on one character and drops it. */
public final class CharDelimiterSplit implements PatternSplit {
  /** The tokenizer.json type. */
  public static final String TYPE = "CharDelimiterSplit";

  private final int delimiter;
  private final SplitPattern pattern;

  /** @param delimiter the code point to split on */
  public CharDelimiterSplit(int delimiter) {
    this.delimiter = delimiter;
    this.pattern = CodePointPattern.of(delimiter);
  }

  public int delimiter() {
    return delimiter;
  }

  /** The delimiter, which is dropped, always ends a piece; elsewhere pieces are local. */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    return at < text.length() && Character.codePointAt(text, at) == delimiter ? Boundary.ALWAYS : Boundary.LOCAL;
  }

  @Override
  public SplitPattern splitPattern() {
    return pattern;
  }

  @Override
  public SplitBehavior splitBehavior() {
    return SplitBehavior.REMOVED;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    Split.split(segment, pattern, SplitBehavior.REMOVED, false, pieces);
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of("delimiter", Character.toString(delimiter())), List.of());
  }
}
