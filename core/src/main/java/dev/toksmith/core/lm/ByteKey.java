package dev.toksmith.core.lm;

import java.util.Arrays;

/** Bytes as a cache key, compared by content. The array must not change once it is a key. */
record ByteKey(byte[] bytes) {
  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
