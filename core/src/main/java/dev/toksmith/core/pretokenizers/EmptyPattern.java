package dev.toksmith.core.pretokenizers;

/**
 * The empty pattern as Hugging Face runs it: a literal {@code ""} becomes the empty regex, which
 * Oniguruma matches before every character and at the end of the text.
 */
final class EmptyPattern implements SplitPattern {
  static final EmptyPattern INSTANCE = new EmptyPattern();

  private EmptyPattern() {}

  @Override
  public String scanner() {
    return "empty string";
  }

  @Override
  public void findMatches(CharSequence text, MatchSink matches) {
    int i = 0;
    while (i < text.length()) {
      matches.match(i, i);
      i += Character.charCount(Character.codePointAt(text, i));
    }
    matches.match(i, i);
  }
}
