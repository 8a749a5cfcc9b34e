package dev.toksmith.core.pretokenizers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A split pattern run by {@code java.util.regex} with Unicode character classes, standing in for
 * Hugging Face's Oniguruma. The two agree on the syntax real tokenizer.json patterns use
 * ({@code \p{L}}, {@code \p{N}}, {@code \s} as White_Space, {@code \w}, {@code \d}, {@code \b},
 * classes with nesting and intersection, alternation, lazy and possessive quantifiers, lookahead,
 * {@code (?i:...)} on ASCII), with these differences, each checked against the reference:
 *
 * <ul>
 *   <li>Unicode version: the JDK's tables (Unicode 13 on JDK 17) against Oniguruma's (Unicode 16),
 *       so characters assigned since differ in {@code \p{..}} and {@code \w} (U+1FAE0 is
 *       {@code \p{S}} there, unassigned here); known patterns have exact scanners instead (see
 *       {@link SplitPatterns#regex(String)});
 *   <li>{@code ^} and {@code $} match at every line there (Ruby syntax), at the ends of the text only
 *       here; {@code .} excludes only {@code \n} there, every line terminator here;
 *   <li>{@code \h} is a hex digit there and horizontal space here; {@code \v} is the vertical tab
 *       there and any vertical space here; POSIX brackets ({@code [[:alpha:]]}) and {@code \p{^L}}
 *       exist only there (here the first is a plain class, the second does not compile);
 *   <li>case-insensitive matching uses Unicode's multi-character folds there ({@code (?i)ß} matches
 *       {@code ss} and {@code ẞ}) and folds character by character here (it matches {@code ß} only);
 *   <li>empty matches: see {@link #findMatches}, which drops the ones Oniguruma never reports.
 * </ul>
 */
final class RegexPattern implements SplitPattern {
  private final Pattern pattern;

  RegexPattern(String regex) {
    this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
  }

  @Override
  public void findMatches(CharSequence text, MatchSink matches) {
    Matcher m = pattern.matcher(text);
    int previousEnd = -1;
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      if (start == end && (start == previousEnd || insideSurrogatePair(text, start))) continue;
      matches.match(start, end);
      previousEnd = end;
    }
  }

  /**
   * Where Java finds empty matches that the onig crate's iterator does not: right after the previous
   * match (which the crate skips, so {@code a*} matches {@code "aab"} twice, not three times), and
   * between the halves of a surrogate pair (Java steps one UTF-16 unit past an empty match, Oniguruma
   * one character).
   */
  private static boolean insideSurrogatePair(CharSequence text, int i) {
    return i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
