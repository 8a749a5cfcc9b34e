package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.pretokenizers.SplitPatterns;

/**
 * Hugging Face's {@code Replace} normalizer: every match of a literal string or a regex becomes
 * {@code content}, taken literally (0.21 expands no {@code $1} groups). A literal is matched as the
 * reference does, as an escaped regex, so the empty string matches at every position. Like the
 * reference's regex iteration (on UTF-8), an empty match right where the previous match ended or inside
 * a surrogate pair is skipped, and an empty text has no match.
 */
public final class Replace implements Normalizer {
  private final String pattern;
  private final boolean regex;
  private final String content;
  private final SplitPattern matcher;

  /**
   * @throws java.util.regex.PatternSyntaxException if {@code regex} and the pattern does not compile
   */
  public Replace(String pattern, boolean regex, String content) {
    this.pattern = pattern;
    this.regex = regex;
    this.content = content;
    this.matcher = regex ? SplitPatterns.regex(pattern) : SplitPatterns.literal(pattern);
  }

  /** The pattern as written in tokenizer.json. */
  public String pattern() {
    return pattern;
  }

  public boolean isRegex() {
    return regex;
  }

  public String content() {
    return content;
  }

  /** A text without a match is left alone: a literal is looked for, a regex searched for once. */
  @Override
  public boolean mayChange(CharSequence text) {
    if (!regex) return pattern.isEmpty() ? text.length() > 0 : text.toString().contains(pattern);
    boolean[] found = {false};
    findMatches(text, (start, end) -> found[0] = true);
    return found[0];
  }

  @Override
  public void normalize(NormalizedString text) {
    text.replace(this::findMatches, content);
  }

  private void findMatches(CharSequence text, SplitPattern.MatchSink sink) {
    if (text.length() == 0) return;
    int[] previousEnd = {-1};
    matcher.findMatches(text, (start, end) -> {
      if (start == end && (start == previousEnd[0] || insideSurrogatePair(text, start))) return;
      previousEnd[0] = end;
      sink.match(start, end);
    });
  }

  private static boolean insideSurrogatePair(CharSequence text, int i) {
    return i > 0 && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1)) && Character.isLowSurrogate(text.charAt(i));
  }
}
