package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;

/** One normalization stage. Implementations are immutable and thread-safe. */
public interface Normalizer {
  /** Normalizes {@code text} in place, keeping its alignment to the original. */
  void normalize(NormalizedString text);

  /**
   * A quick check: false when normalizing {@code text} would certainly leave its characters as they
   * are (its alignment aside), true when it may change them. The default always answers true.
   */
  default boolean mayChange(CharSequence text) {
    return true;
  }
}
