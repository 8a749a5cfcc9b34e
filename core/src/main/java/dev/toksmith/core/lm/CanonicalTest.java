package dev.toksmith.core.lm;

import java.util.BitSet;

/**
 * Which ids continue a canonical id sequence canonically ({@link TokenBytes#validNext}): what a test
 * for a tokenizer built around another one ({@link SegmentMasks}) asks of the inner one's test.
 */
interface CanonicalTest {
  /** Which ids {@code v} make {@code context + v} canonical, given that {@code context} is. */
  BitSet validNext(int[] context);

  /** The same test with nothing cached. */
  CanonicalTest withEmptyCaches();
}
