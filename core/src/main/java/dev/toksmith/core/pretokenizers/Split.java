package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits on a pattern, Hugging Face's {@code Split} pre-tokenizer: the text is cut into matches and
 * the gaps between them, then {@link SplitBehavior} decides how matches and gaps form pieces.
 * With {@code invert}, gaps are treated as the matches.
 */
public final class Split implements PatternSplit {
  /** The tokenizer.json type. */
  public static final String TYPE = "Split";

  private final String patternText;
  private final boolean regex;
  private final SplitPattern pattern;
  private final SplitBehavior behavior;
  private final boolean invert;

  /**
   * @param patternText the regex or literal string to split on
   * @param regex whether {@code patternText} is a regex (tokenizer.json's {@code Regex}) or a literal ({@code String})
   * @throws java.util.regex.PatternSyntaxException if the regex does not compile
   */
  public Split(String patternText, boolean regex, SplitBehavior behavior, boolean invert) {
    this.patternText = patternText;
    this.regex = regex;
    if (regex) this.pattern = SplitPatterns.regex(patternText);
    else this.pattern = SplitPatterns.literal(patternText);
    this.behavior = behavior;
    this.invert = invert;
  }

  @Override
  public SplitPattern splitPattern() {
    return pattern;
  }

  @Override
  public SplitBehavior splitBehavior() {
    return behavior;
  }

  @Override
  public boolean splitInverted() {
    return invert;
  }

  public String patternText() {
    return patternText;
  }

  public boolean isRegex() {
    return regex;
  }

  public SplitBehavior behavior() {
    return behavior;
  }

  public boolean invert() {
    return invert;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    split(segment, pattern, behavior, invert, pieces);
  }

  /**
   * A regex whose matches are known to end there, matches isolated or removed; a string pattern
   * whose occurrence starts there and none crosses or ends there, for the behaviours that end a piece
   * before a delimiter. Any other string pattern is local where no occurrence crosses.
   */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    if (invert) return Boundary.UNKNOWN;
    if (regex) {
      boolean isolates = behavior == SplitBehavior.ISOLATED || behavior == SplitBehavior.REMOVED;
      return isolates && pattern.matchBoundaryAt(text, at) ? Boundary.ALWAYS : Boundary.UNKNOWN;
    }
    if (patternText.isEmpty()) return Boundary.UNKNOWN;
    String s = text.toString();
    int length = patternText.length();
    boolean endsHere = false;
    for (int start = Math.max(0, at - length); start < at; start++) {
      if (!s.startsWith(patternText, start)) continue;
      if (start + length > at) return Boundary.UNKNOWN;
      endsHere = true;
    }
    boolean startsHere = s.startsWith(patternText, at);
    boolean endsPieceBefore = behavior != SplitBehavior.MERGED_WITH_PREVIOUS;
    return startsHere && !endsHere && endsPieceBefore ? Boundary.ALWAYS : Boundary.LOCAL;
  }

  /** Splits {@code segment} by {@code pattern}; shared with {@link ByteLevel}. */
  static void split(NormalizedString segment, SplitPattern pattern, SplitBehavior behavior, boolean invert, PieceSink pieces) {
    String text = segment.get();
    if (text.isEmpty()) return;
    split(matches -> pattern.findMatches(text, matches), 0, text.length(), behavior, invert, (start, end) -> pieces.piece(segment, start, end));
  }

  /** Reports the matches of a pattern in some text, in order. */
  @FunctionalInterface
  interface Matches {
    void find(SplitPattern.MatchSink matches);
  }

  /**
   * Hugging Face's split of the range {@code [from, to)}, whatever its units: {@code matches} cut it
   * into matches and the gaps between them, and {@code behavior} (with {@code invert}, gaps count as
   * the matches) makes them pieces, reported in order, empty ones left out.
   */
  static void split(Matches matches, int from, int to, SplitBehavior behavior, boolean invert, SplitPattern.MatchSink pieces) {
    if (behavior == SplitBehavior.ISOLATED) {
      // Fast path for the common case: every match and every gap is a piece.
      int[] prev = {from};
      matches.find((start, end) -> {
        if (prev[0] < start) pieces.match(prev[0], start);
        if (start < end) pieces.match(start, end);
        prev[0] = end;
      });
      if (prev[0] < to) pieces.match(prev[0], to);
      return;
    }
    // Segments as (start, end, isMatch) triples covering the text.
    IntArrayList segs = new IntArrayList();
    int[] prev = {from};
    matches.find((start, end) -> {
      if (prev[0] != start) add(segs, prev[0], start, invert);
      add(segs, start, end, !invert);
      prev[0] = end;
    });
    if (prev[0] != to) add(segs, prev[0], to, invert);
    IntArrayList out = new IntArrayList();
    int count = segs.size() / 3;
    switch (behavior) {
      case REMOVED -> {
        for (int k = 0; k < count; k++) if (segs.getInt(3 * k + 2) == 0) addRange(out, segs.getInt(3 * k), segs.getInt(3 * k + 1));
      }
      case CONTIGUOUS -> {
        boolean previousMatch = false;
        for (int k = 0; k < count; k++) {
          boolean isMatch = segs.getInt(3 * k + 2) == 1;
          if (isMatch == previousMatch && !out.isEmpty()) out.set(out.size() - 1, segs.getInt(3 * k + 1));
          else addRange(out, segs.getInt(3 * k), segs.getInt(3 * k + 1));
          previousMatch = isMatch;
        }
      }
      case MERGED_WITH_PREVIOUS -> {
        boolean previousMatch = false;
        for (int k = 0; k < count; k++) {
          boolean isMatch = segs.getInt(3 * k + 2) == 1;
          if (isMatch && !previousMatch && !out.isEmpty()) out.set(out.size() - 1, segs.getInt(3 * k + 1));
          else addRange(out, segs.getInt(3 * k), segs.getInt(3 * k + 1));
          previousMatch = isMatch;
        }
      }
      case MERGED_WITH_NEXT -> {
        // Hugging Face folds from the right; ranges are collected reversed, then emitted in order.
        boolean previousMatch = false;
        for (int k = count - 1; k >= 0; k--) {
          boolean isMatch = segs.getInt(3 * k + 2) == 1;
          if (isMatch && !previousMatch && !out.isEmpty()) out.set(out.size() - 2, segs.getInt(3 * k));
          else addRange(out, segs.getInt(3 * k), segs.getInt(3 * k + 1));
          previousMatch = isMatch;
        }
        reversePairs(out);
      }
      default -> throw new AssertionError(behavior);
    }
    for (int k = 0; k < out.size(); k += 2) {
      if (out.getInt(k) < out.getInt(k + 1)) pieces.match(out.getInt(k), out.getInt(k + 1));
    }
  }

  private static void add(IntArrayList segs, int start, int end, boolean isMatch) {
    segs.add(start);
    segs.add(end);
    segs.add(isMatch ? 1 : 0);
  }

  private static void addRange(IntArrayList out, int start, int end) {
    out.add(start);
    out.add(end);
  }

  private static void reversePairs(IntArrayList out) {
    int pairs = out.size() / 2;
    for (int a = 0, b = pairs - 1; a < b; a++, b--) {
      int s = out.getInt(2 * a);
      int e = out.getInt(2 * a + 1);
      out.set(2 * a, out.getInt(2 * b));
      out.set(2 * a + 1, out.getInt(2 * b + 1));
      out.set(2 * b, s);
      out.set(2 * b + 1, e);
    }
  }

  /** A tokenizer.json {@code Split}: the pattern, whether it is a regex, the behavior and invert. */
  public static Stage describe(String pattern, boolean regex, SplitBehavior behavior, boolean invert) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("pattern", pattern);
    p.put("regex", regex);
    p.put("behavior", behavior.huggingFaceName());
    p.put("invert", invert);
    return new Stage(TYPE, p, List.of());
  }

  @Override
  public Stage describe() {
    return describe(patternText, regex, behavior, invert);
  }
}
