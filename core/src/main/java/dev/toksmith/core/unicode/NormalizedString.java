package dev.toksmith.core.unicode;

import java.util.Arrays;

/**
 * A piece of text under normalization that remembers, for every UTF-16 unit of its current form, the
 * range of the original text it came from, so that token offsets survive normalization.
 *
 * <p>Alignment follows Hugging Face's {@code NormalizedString}: every unit of a character carries the
 * whole original range of that character; a character that replaces another takes the replaced
 * character's range, an inserted character takes the range of the character before it (or the empty
 * range at the start). Ranges are absolute UTF-16 indices into the text the whole pipeline started from.
 *
 * <p>Not thread-safe: one instance lives inside one encode call.
 */
public final class NormalizedString {
  private final int base;
  private String normalized;
  /** Per normalized unit, absolute original start and end; null while the text is untransformed. */
  private int[] starts;
  private int[] ends;

  /** Wraps original text that starts at absolute position {@code base} of the pipeline's input. */
  public NormalizedString(String original, int base) {
    this.base = base;
    this.normalized = original;
  }

  private NormalizedString(String normalized, int base, int[] starts, int[] ends) {
    this.base = base;
    this.normalized = normalized;
    this.starts = starts;
    this.ends = ends;
  }

  /** The current (normalized) text. */
  public String get() {
    return normalized;
  }

  public int length() {
    return normalized.length();
  }

  /** Absolute original start of the character that holds normalized unit {@code i}. */
  public int originalStart(int i) {
    if (starts != null) return starts[i];
    return base + (isSecondUnit(normalized, i) ? i - 1 : i);
  }

  /** Absolute original end of the character that holds normalized unit {@code i}. */
  public int originalEnd(int i) {
    if (ends != null) return ends[i];
    return base + (Character.isHighSurrogate(normalized.charAt(i)) && isSecondUnit(normalized, i + 1) ? i + 2 : i + 1);
  }

  /**
   * Absolute original start where this string begins; an empty string keeps the position it was cut at.
   */
  public int originalBase() {
    return base;
  }

  /**
   * Original range covered by normalized units {@code [from, to)}: the start of the first unit's
   * character to the end of the last unit's character, as Hugging Face computes offsets.
   */
  public int originalStartOf(int from, int to) {
    return from < to ? originalStart(from) : (from < length() ? originalStart(from) : endBase());
  }

  public int originalEndOf(int from, int to) {
    return from < to ? originalEnd(to - 1) : originalStartOf(from, to);
  }

  private int endBase() {
    return length() == 0 ? base : originalEnd(length() - 1);
  }

  /**
   * Where a cut of the original text at absolute position {@code original} falls in the normalized
   * text: every unit before the returned index comes from before {@code original}, every unit from it
   * on from {@code original} or after. -1 when a unit straddles the cut (normalization joined
   * characters across it).
   */
  public int cutIndexOf(int original) {
    int n = length();
    int i = 0;
    while (i < n && originalStart(i) < original) {
      if (originalEnd(i) > original) return -1;
      i++;
    }
    for (int j = i; j < n; j++) {
      if (originalStart(j) < original) return -1;
    }
    return i;
  }

  /** A copy of normalized units {@code [from, to)} with their alignment. */
  public NormalizedString slice(int from, int to) {
    String text = normalized.substring(from, to);
    int sliceBase = from < to || from < length() ? originalStartOf(from, to) : endBase();
    if (starts == null && !(from < to && isSecondUnit(normalized, from))) {
      return new NormalizedString(text, sliceBase);
    }
    materialize();
    return new NormalizedString(text, sliceBase, Arrays.copyOfRange(starts, from, to), Arrays.copyOfRange(ends, from, to));
  }

  /**
   * Replaces the whole normalized text, Hugging Face's {@code transform} with an initial offset of
   * zero: output code point {@code k} either replaces the next current character ({@code changes[k] <= 0},
   * consuming {@code -changes[k]} further characters) or is inserted ({@code changes[k] > 0}).
   */
  public void transform(int[] codePoints, int[] changes, int count) {
    transform(codePoints, changes, count, 0);
  }

  /**
   * Hugging Face's {@code transform}: {@link #transformRange} over the normalized units that the whole
   * original text maps to. Like the reference, that range starts at the first unit with a non-empty
   * original range, so units inserted at the very start (which have an empty one) stay in front of the
   * output instead of being replaced; an empty text is left alone.
   */
  public void transform(int[] codePoints, int[] changes, int count, int initialRemoved) {
    if (normalized.isEmpty()) return;
    int from = 0;
    if (starts != null) {
      while (from < starts.length && starts[from] == ends[from]) from++;
    }
    transformRange(from, normalized.length(), codePoints, changes, count, initialRemoved);
  }

  /**
   * Hugging Face's {@code transform_range}: replaces normalized units {@code [from, to)} with the
   * given code points. The first {@code initialRemoved} characters of the range are dropped without
   * output; then each output code point replaces the next character of the range ({@code changes[k] <= 0},
   * dropping {@code -changes[k]} more) or is inserted ({@code changes[k] > 0}) and takes the
   * alignment of the unit before the next character. Characters of the range left unconsumed are
   * dropped. Once the range is used up, a replacing code point takes the alignment of the unit after
   * it, and fails where the reference panics, at the end of the text.
   */
  public void transformRange(int from, int to, int[] codePoints, int[] changes, int count, int initialRemoved) {
    materialize();
    StringBuilder out = new StringBuilder(to - from + 8);
    int[] newStarts = new int[to - from + 16];
    int[] newEnds = new int[newStarts.length];
    int offset = from;
    for (int r = 0; r < initialRemoved && offset < to; r++) offset += Character.charCount(normalized.codePointAt(offset));
    for (int k = 0; k < count; k++) {
      int change = changes[k];
      int start;
      int end;
      if (change > 0) {
        if (offset < 1) {
          start = base;
          end = base;
        } else {
          start = starts[offset - 1];
          end = ends[offset - 1];
        }
      } else {
        if (offset >= starts.length) {
          throw new IllegalStateException("normalization replaces more characters than the text has (Hugging Face panics here)");
        }
        start = starts[offset];
        end = ends[offset];
        for (int consumed = 0; consumed <= -change && offset < to; consumed++) {
          offset += Character.charCount(normalized.codePointAt(offset));
        }
      }
      int units = Character.charCount(codePoints[k]);
      int at = out.length();
      if (at + units > newStarts.length) {
        newStarts = Arrays.copyOf(newStarts, Math.max(at + units, newStarts.length * 2));
        newEnds = Arrays.copyOf(newEnds, newStarts.length);
      }
      out.appendCodePoint(codePoints[k]);
      for (int u = 0; u < units; u++) {
        newStarts[at + u] = start;
        newEnds[at + u] = end;
      }
    }
    int n = out.length();
    int tail = normalized.length() - to;
    int[] s2 = new int[from + n + tail];
    int[] e2 = new int[s2.length];
    System.arraycopy(starts, 0, s2, 0, from);
    System.arraycopy(ends, 0, e2, 0, from);
    System.arraycopy(newStarts, 0, s2, from, n);
    System.arraycopy(newEnds, 0, e2, from, n);
    System.arraycopy(starts, to, s2, from + n, tail);
    System.arraycopy(ends, to, e2, from + n, tail);
    normalized = normalized.substring(0, from) + out + normalized.substring(to);
    starts = s2;
    ends = e2;
  }

  /**
   * Inserts {@code prefix} before the text, as Hugging Face's {@code prepend}: the first prefix
   * character replaces the first character, the rest of the prefix and then the first character itself
   * are inserted after it; nothing happens to an empty string. (So an empty prefix leaves the first
   * character inserted, with an empty alignment.)
   */
  public void prepend(String prefix) {
    if (normalized.isEmpty()) return;
    int first = normalized.codePointAt(0);
    int[] cps = concat(prefix, first);
    int[] changes = new int[cps.length];
    Arrays.fill(changes, 1, cps.length, 1);
    if (prefix.isEmpty()) changes[0] = 1;
    transformRange(0, Character.charCount(first), cps, changes, cps.length, 0);
  }

  /** Appends {@code suffix}, as Hugging Face's {@code append}: it takes the last character's alignment. */
  public void append(String suffix) {
    if (normalized.isEmpty() || suffix.isEmpty()) return;
    int last = normalized.codePointBefore(normalized.length());
    int from = normalized.length() - Character.charCount(last);
    int[] cps = concat(new String(Character.toChars(last)), suffix.codePoints().toArray());
    int[] changes = new int[cps.length];
    Arrays.fill(changes, 1, cps.length, 1);
    transformRange(from, normalized.length(), cps, changes, cps.length, 0);
  }

  private static int[] concat(String head, int... tail) {
    int[] h = head.codePoints().toArray();
    int[] all = Arrays.copyOf(h, h.length + tail.length);
    System.arraycopy(tail, 0, all, h.length, tail.length);
    return all;
  }

  /** Keeps only the characters {@code keep} accepts, as Hugging Face's {@code filter}. */
  public void filter(java.util.function.IntPredicate keep) {
    int[] cps = normalized.codePoints().toArray();
    int[] outCps = new int[cps.length];
    int[] changes = new int[cps.length];
    int n = 0;
    int removed = 0;
    // Walk backwards so each kept character learns how many removed characters follow it.
    for (int i = cps.length - 1; i >= 0; i--) {
      if (keep.test(cps[i])) {
        outCps[n] = cps[i];
        changes[n++] = -removed;
        removed = 0;
      } else {
        removed++;
      }
    }
    reverse(outCps, n);
    reverse(changes, n);
    transform(outCps, changes, n, removed);
  }

  private static void reverse(int[] a, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Finds the non-overlapping matches of a pattern in a text, left to right (a split pattern's). */
  @FunctionalInterface
  public interface Matches {
    void find(CharSequence text, MatchSink matches);
  }

  /** Receives one match {@code [start, end)}. */
  @FunctionalInterface
  public interface MatchSink {
    void match(int start, int end);
  }

  /**
   * Replaces every match of {@code pattern} with {@code content}, as Hugging Face's {@code replace}:
   * the inserted characters take the alignment of the last character they replace.
   */
  public void replace(Matches pattern, String content) {
    materialize();
    String old = normalized;
    int[] oldStarts = starts;
    int[] oldEnds = ends;
    StringBuilder out = new StringBuilder(old.length() + 16);
    it.unimi.dsi.fastutil.ints.IntArrayList newStarts = new it.unimi.dsi.fastutil.ints.IntArrayList(old.length() + 16);
    it.unimi.dsi.fastutil.ints.IntArrayList newEnds = new it.unimi.dsi.fastutil.ints.IntArrayList(old.length() + 16);
    int[] at = {0};
    // One pass for all matches with the alignment the reference's match-by-match transforms give
    // (transforming once per match is quadratic): the content takes the alignment of the last
    // character it replaces, or for an empty match of the character before it.
    pattern.find(old, (start, end) -> {
      for (int i = at[0]; i < start; i++) {
        out.append(old.charAt(i));
        newStarts.add(oldStarts[i]);
        newEnds.add(oldEnds[i]);
      }
      int alignStart;
      int alignEnd;
      if (end > start) {
        alignStart = oldStarts[end - 1];
        alignEnd = oldEnds[end - 1];
      } else if (!newStarts.isEmpty()) {
        alignStart = newStarts.getInt(newStarts.size() - 1);
        alignEnd = newEnds.getInt(newEnds.size() - 1);
      } else {
        alignStart = base;
        alignEnd = base;
      }
      for (int u = 0; u < content.length(); u++) {
        out.append(content.charAt(u));
        newStarts.add(alignStart);
        newEnds.add(alignEnd);
      }
      at[0] = end;
    });
    for (int i = at[0]; i < old.length(); i++) {
      out.append(old.charAt(i));
      newStarts.add(oldStarts[i]);
      newEnds.add(oldEnds[i]);
    }
    normalized = out.toString();
    starts = newStarts.toIntArray();
    ends = newEnds.toIntArray();
  }



  /**
   * Removes leading and/or trailing whitespace, as Hugging Face's {@code lrstrip}. Like the
   * reference, the removal of the trailing run is attached to the character at index (UTF-8 length -
   * trailing - 1), which is the last kept character for ASCII text and past the kept characters
   * otherwise; then the run is simply left unconsumed, which drops it all the same, so the alignment
   * comes out right either way (the reference tests cover both).
   */
  public void strip(boolean left, boolean right) {
    int[] cps = normalized.codePoints().toArray();
    int leading = 0;
    while (left && leading < cps.length && CharClasses.isWhiteSpace(cps[leading])) leading++;
    int trailing = 0;
    while (right && trailing < cps.length && CharClasses.isWhiteSpace(cps[cps.length - 1 - trailing])) trailing++;
    if (leading == 0 && trailing == 0) return;
    int utf8Length = dev.toksmith.core.text.Utf8.encode(normalized).length;
    int[] outCps = new int[cps.length];
    int[] changes = new int[cps.length];
    int n = 0;
    for (int i = 0; i < cps.length; i++) {
      if (i < leading || i >= cps.length - trailing) continue;
      outCps[n] = cps[i];
      changes[n++] = i == utf8Length - trailing - 1 ? -trailing : 0;
    }
    transform(outCps, changes, n, leading);
  }

  private void materialize() {
    if (starts != null) return;
    int n = normalized.length();
    // Filled before they are set, while originalStart and originalEnd still compute the identity.
    int[] identityStarts = new int[n];
    int[] identityEnds = new int[n];
    for (int i = 0; i < n; i++) {
      identityStarts[i] = originalStart(i);
      identityEnds[i] = originalEnd(i);
    }
    starts = identityStarts;
    ends = identityEnds;
  }

  private static boolean isSecondUnit(String s, int i) {
    return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
