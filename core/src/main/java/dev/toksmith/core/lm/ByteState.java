package dev.toksmith.core.lm;

/** A model's view of a byte string so far: the distribution of the next byte, one byte at a time. */
public interface ByteState {
  /**
   * Natural-log probabilities of bytes 0..255 and of end-of-text at {@link ByteLevelModel#END};
   * they sum to one.
   */
  double[] nextByteLogProbs();

  /** Appends byte {@code b} (0..255). */
  void advance(int b);
}
