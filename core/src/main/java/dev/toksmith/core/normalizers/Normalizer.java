package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;

/** One normalization stage. Implementations are immutable and thread-safe. */
public interface Normalizer {
  /** Normalizes {@code text} in place, keeping its alignment to the original. */
  void normalize(NormalizedString text);
}
