package dev.toksmith.core.pretokenizers;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex pattern run by {@code java.util.regex}. Hugging Face's regexes (Oniguruma) are first
 * rewritten by {@link OnigurumaSyntax}, so that their character properties ({@code \p{..}}, {@code \w},
 * {@code \d}, {@code \s}, {@code \b}, {@code \h}, POSIX brackets) have Oniguruma's Unicode 16.0
 * members on every code point, and {@code ^}, {@code $}, {@code .}, {@code \v}, {@code (?m)} and
 * {@code \p{^L}} mean what they mean there. The two engines then agree on the syntax tokenizer.json
 * patterns use (classes with nesting and intersection, alternation, lazy and possessive quantifiers,
 * lookaround, {@code (?i:...)} on ASCII), with these differences, each checked against the reference:
 *
 * <ul>
 *   <li>case-insensitive matching uses Unicode's multi-character folds there ({@code (?i)ß} matches
 *       {@code ss} and {@code ẞ}) and folds character by character here (it matches {@code ß} only);
 *       inside brackets Oniguruma adds the case variants of the whole class, Java those of each range
 *       (and of {@code \p{Lu}}, {@code \p{Ll}} and {@code \p{Lt}} as all cased letters), with this
 *       JDK's case mappings;
 *   <li>properties other than General_Category values and the POSIX and binary ones of {@link
 *       OnigurumaProperties} (scripts such as {@code \p{Han}}, blocks such as {@code \p{In_Arrows}},
 *       other binary properties) are this JDK's, with its names and its Unicode version, and {@code \X}
 *       is this JDK's grapheme cluster;
 *   <li>Oniguruma-only syntax does not compile here: {@code \K}, {@code \y}, {@code \Y}, {@code (?#..)},
 *       absent groups {@code (?~..)}, subexpression calls {@code \g<name>}, the options {@code W D S P y};
 *       backreferences such as {@code \1} stay backreferences here where Oniguruma may read an octal code;
 *   <li>empty matches: see {@link #findMatches}, which drops the ones Oniguruma never reports.
 * </ul>
 *
 * <p>tiktoken's regexes (the Rust {@code regex} crate through fancy-regex) are compiled as they are,
 * with Unicode character classes: their {@code \p{..}} follow this JDK's Unicode version (the built-in
 * tiktoken patterns have exact scanners instead, see {@link SplitPatterns#tiktokenRegex}).
 */
final class RegexPattern implements SplitPattern {
  /** Hugging Face's regexes compiled so far, by their text: one compilation per regex, shared by every tokenizer. */
  private static final Map<String, RegexPattern> ONIGURUMA = new ConcurrentHashMap<>();

  private final Pattern pattern;
  /** Matches as {@link #pattern}, faster, on text without a {@link #corrected} code point. */
  private final Pattern uncorrected;
  private final BitSet corrected;

  private RegexPattern(Pattern pattern, Pattern uncorrected, BitSet corrected) {
    this.pattern = pattern;
    this.uncorrected = uncorrected;
    this.corrected = corrected;
  }

  /** A regex of a tokenizer.json file, with Oniguruma's meaning. */
  static RegexPattern oniguruma(String regex) {
    return ONIGURUMA.computeIfAbsent(regex, r -> {
      OnigurumaSyntax.Translation java = OnigurumaSyntax.toJava(r);
      Pattern exact = Pattern.compile(java.exact(), OnigurumaSyntax.FLAGS);
      Pattern uncorrected = java.corrected().isEmpty() ? exact : Pattern.compile(java.uncorrected(), OnigurumaSyntax.FLAGS);
      return new RegexPattern(exact, uncorrected, java.corrected());
    });
  }

  /** A tiktoken regex ({@code pat_str}), compiled as it is. */
  static RegexPattern tiktoken(String regex) {
    Pattern pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    return new RegexPattern(pattern, pattern, new BitSet());
  }

  @Override
  public void findMatches(CharSequence text, MatchSink matches) {
    Matcher m = (uncorrected == pattern || hasCorrected(text) ? pattern : uncorrected).matcher(text);
    int previousEnd = -1;
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      if (start == end && (start == previousEnd || insideSurrogatePair(text, start))) continue;
      matches.match(start, end);
      previousEnd = end;
    }
  }

  private boolean hasCorrected(CharSequence text) {
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      if (corrected.get(cp)) return true;
      i += Character.charCount(cp);
    }
    return false;
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
