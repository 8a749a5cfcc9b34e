package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code Punctuation} pre-tokenizer: splits on every punctuation character, each one
 * a delimiter of its own, handled as {@code behavior} says.
 */
public final class Punctuation implements PatternSplit {
  /** The tokenizer.json type. */
  public static final String TYPE = "Punctuation";

  private static final SplitPattern PATTERN = new CodePointPattern(Punctuation::isPunctuation);

  private final SplitBehavior behavior;

  public Punctuation(SplitBehavior behavior) {
    this.behavior = behavior;
  }

  public SplitBehavior behavior() {
    return behavior;
  }

  /**
   * Hugging Face's punctuation test: ASCII punctuation (symbols such as {@code $ + < = > ^ ` | ~}
   * included) or a Unicode punctuation character as the {@code unicode_categories} crate knows them.
   */
  public static boolean isPunctuation(int cp) {
    return (cp >= '!' && cp <= '/') || (cp >= ':' && cp <= '@') || (cp >= '[' && cp <= '`') || (cp >= '{' && cp <= '~')
        || CharClasses.isPunctuation(cp);
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
    return behavior;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    Split.split(segment, PATTERN, behavior, false, pieces);
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of("behavior", behavior().huggingFaceName()), List.of());
  }
}
