package dev.toksmith.core.pretokenizers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A split pattern run by {@code java.util.regex} with Unicode character classes. Character classes
 * follow the JDK's Unicode tables (Unicode 13 on JDK 17), which can differ from Hugging Face's
 * Oniguruma for characters assigned later; known patterns have exact scanners instead (see {@link
 * SplitPatterns#regex(String)}).
 */
final class RegexPattern implements SplitPattern {
  private final Pattern pattern;

  RegexPattern(String regex) {
    this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
  }

  @Override
  public void findMatches(CharSequence text, MatchSink matches) {
    Matcher m = pattern.matcher(text);
    while (m.find()) matches.match(m.start(), m.end());
  }
}
