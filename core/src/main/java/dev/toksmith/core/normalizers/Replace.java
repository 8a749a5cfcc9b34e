package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code Replace} normalizer: every match of a literal string or a regex becomes
 * {@code content}, taken literally (0.21 expands no {@code $1} groups). A literal is matched as the
 * reference does, as an escaped regex, so the empty string matches at every position. Like the
 * reference's regex iteration (on UTF-8), an empty match right where the previous match ended or inside
 * a surrogate pair is skipped, and an empty text has no match.
 */
public final class Replace implements Normalizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "Replace";

  private final String pattern;
  private final boolean regex;
  private final String content;
  private final SplitPattern matcher;
  /** A literal pattern's UTF-8. */
  private final byte[] literal;

  /**
   * @throws java.util.regex.PatternSyntaxException if {@code regex} and the pattern does not compile
   */
  public Replace(String pattern, boolean regex, String content) {
    this.pattern = pattern;
    this.regex = regex;
    this.content = content;
    this.matcher = regex ? SplitPatterns.regex(pattern) : SplitPatterns.literal(pattern);
    this.literal = Utf8.encode(pattern);
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

  /** A string pattern, when none of its occurrences crosses {@code at}; a regex is not looked into. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    if (regex || pattern.isEmpty()) return false;
    String s = text.toString();
    for (int start = Math.max(0, at - pattern.length() + 1); start < at; start++) {
      if (s.startsWith(pattern, start) && start + pattern.length() > at) return false;
    }
    return true;
  }

  /** A text without a match is left alone: a literal's UTF-8 is looked for in the bytes, a regex searched for once. */
  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    if (!regex) return pattern.isEmpty() ? from == to : indexOf(utf8, from, to, literal) < 0;
    boolean[] found = {false};
    findMatches(raw ? Utf8.decodeEscaped(utf8, from, to) : Utf8.decode(utf8, from, to), (start, end) -> found[0] = true);
    return !found[0];
  }

  private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i + needle.length <= to; i++) {
      for (int k = 0; k < needle.length; k++) if (bytes[i + k] != needle[k]) continue outer;
      return i;
    }
    return -1;
  }

  @Override
  public void normalize(NormalizedString text) {
    text.replace((s, matches) -> findMatches(s, matches::match), content);
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

  @Override
  public Stage describe() {
    return describe(pattern(), isRegex(), content());
  }

  /** A tokenizer.json {@code Replace} (normalizer or decoder): the pattern, whether it is a regex, the replacement. */
  public static Stage describe(String pattern, boolean regex, String content) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("pattern", pattern);
    p.put("regex", regex);
    p.put("content", content);
    return new Stage(TYPE, p, List.of());
  }
}
