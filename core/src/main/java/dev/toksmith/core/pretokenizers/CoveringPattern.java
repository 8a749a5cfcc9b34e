package dev.toksmith.core.pretokenizers;

/** A split pattern that matches at every position, so that its matches cover the text. */
abstract class CoveringPattern implements SplitPattern {
  @Override
  public final void findMatches(CharSequence s, MatchSink matches) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      int end = matchAt(s, i, n);
      matches.match(i, end);
      i = end;
    }
  }

  @Override
  public final int matchEnd(CharSequence text, int start) {
    return matchAt(text, start, text.length());
  }

  /**
   * Runs the matches on {@code text} as the start of a text of unknown length: a match that reads a
   * character past the end (or tests where the text ends, which these scanners do only to read
   * further) could change with a continuation, and so do all after it.
   */
  @Override
  public final int settledEnd(CharSequence text) {
    Probe probe = new Probe(text);
    int n = text.length();
    int i = 0;
    try {
      while (i < n) i = matchAt(probe, i, Probe.UNBOUNDED);
    } catch (Probe.Overrun unsettled) {
      return i;
    }
    return n;
  }

  /** A text that claims to go on forever and stops the scanner when it reads past its real end. */
  private static final class Probe implements CharSequence {
    static final int UNBOUNDED = Integer.MAX_VALUE / 2;
    private final CharSequence text;

    /** Thrown when a match reads past the real end. */
    static final class Overrun extends RuntimeException {
      Overrun() {
        super(null, null, false, false);
      }
    }

    private static final Overrun OVERRUN = new Overrun();

    Probe(CharSequence text) {
      this.text = text;
    }

    @Override
    public int length() {
      return UNBOUNDED;
    }

    @Override
    public char charAt(int index) {
      if (index < text.length()) return text.charAt(index);
      throw OVERRUN;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }
  }

  /** End of the (never empty) match that starts at {@code i}. */
  abstract int matchAt(CharSequence s, int i, int n);
}
