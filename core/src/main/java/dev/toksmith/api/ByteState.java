package dev.toksmith.api;

/**
 * A language model's view of a byte string so far: the distribution of the next byte, one byte at a
 * time. One state is confined to one thread.
 *
 * <pre>{@code
 * ByteState s = byteLevelModel.start("the United Sta".getBytes(UTF_8));
 * double pT = Math.exp(s.nextByteLogProbs()['t']);
 * s.advance('t');
 * }</pre>
 */
public interface ByteState {
  /** Index of end-of-text in {@link #nextByteLogProbs()} (after bytes 0..255). */
  int END = 256;

  /**
   * Natural-log probabilities of bytes 0..255 and of end-of-text at {@link #END}; they sum to one,
   * and {@code Double.NEGATIVE_INFINITY} marks what cannot come next.
   */
  double[] nextByteLogProbs();

  /** Appends byte {@code b} (0..255). */
  void advance(int b);
}
