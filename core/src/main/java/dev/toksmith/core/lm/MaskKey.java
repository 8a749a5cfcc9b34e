package dev.toksmith.core.lm;

import java.util.BitSet;

/** A mask as a cache key, by identity: masks are cached and shared, so the same mask is the same object. */
record MaskKey(BitSet mask) {
  @Override
  public boolean equals(Object o) {
    return o instanceof MaskKey other && other.mask == mask;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(mask);
  }
}
