package dev.toksmith.core;

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
    materialize();
    StringBuilder out = new StringBuilder(normalized.length() + 8);
    int[] newStarts = new int[normalized.length() + 16];
    int[] newEnds = new int[newStarts.length];
    int offset = 0;
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
        start = starts[offset];
        end = ends[offset];
        offset += Character.charCount(normalized.codePointAt(offset));
        for (int removed = 0; removed < -change; removed++) {
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
    normalized = out.toString();
    starts = Arrays.copyOf(newStarts, out.length());
    ends = Arrays.copyOf(newEnds, out.length());
  }

  /**
   * Inserts {@code prefix} before the text, as Hugging Face's {@code prepend}: the prefix takes the
   * alignment of the first character, and nothing happens to an empty string.
   */
  public void prepend(String prefix) {
    if (normalized.isEmpty() || prefix.isEmpty()) return;
    int[] cps = (prefix + normalized).codePoints().toArray();
    int prefixLength = (int) prefix.codePoints().count();
    int[] changes = new int[cps.length];
    // The first prefix character replaces the first character; the rest of the prefix and the
    // first character itself are re-inserted after it.
    Arrays.fill(changes, 1, prefixLength + 1, 1);
    transform(cps, changes, cps.length);
  }

  private void materialize() {
    if (starts != null) return;
    int n = normalized.length();
    starts = new int[n];
    ends = new int[n];
    for (int i = 0; i < n; i++) {
      starts[i] = originalStartIdentity(i);
      ends[i] = originalEndIdentity(i);
    }
  }

  private int originalStartIdentity(int i) {
    return base + (isSecondUnit(normalized, i) ? i - 1 : i);
  }

  private int originalEndIdentity(int i) {
    return base + (Character.isHighSurrogate(normalized.charAt(i)) && isSecondUnit(normalized, i + 1) ? i + 2 : i + 1);
  }

  private static boolean isSecondUnit(String s, int i) {
    return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
