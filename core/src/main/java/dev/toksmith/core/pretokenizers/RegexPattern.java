package dev.toksmith.core.pretokenizers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A split pattern run by {@code java.util.regex} with Unicode character classes, standing in for
 * Hugging Face's Oniguruma. The two agree on the syntax real tokenizer.json patterns use
 * ({@code \p{L}}, {@code \p{N}}, {@code \s} as White_Space, classes, alternation, lazy and possessive
 * quantifiers, lookahead, {@code (?i:...)}), with these differences:
 *
 * <ul>
 *   <li>Unicode version: the JDK's tables (Unicode 13 on JDK 17) against Oniguruma's (Unicode 16),
 *       so characters assigned since differ in {@code \p{..}}, {@code \w} and case folding; known
 *       patterns have exact scanners instead (see {@link SplitPatterns#regex(String)});
 *   <li>{@code ^} and {@code $} match at every line in Oniguruma's Ruby syntax, at the ends of the
 *       text only here; {@code .} excludes only {@code \n} there, every line terminator here;
 *   <li>{@code \h} is a hex digit there and horizontal space here; {@code \v} a vertical tab there and
 *       any vertical space here; POSIX brackets ({@code [[:alpha:]]}) and {@code \p{^L}} exist only there;
 *   <li>case-insensitive matching folds single characters only here ({@code ß} does not match
 *       {@code ss}).
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
    while (m.find()) {
      int start = m.start();
      // After an empty match Java steps one UTF-16 unit, Oniguruma one character: an empty match
      // between the halves of a surrogate pair is one Oniguruma never sees.
      if (start == m.end() && start > 0 && start < text.length()
          && Character.isLowSurrogate(text.charAt(start)) && Character.isHighSurrogate(text.charAt(start - 1))) {
        continue;
      }
      matches.match(start, m.end());
    }
  }
}
