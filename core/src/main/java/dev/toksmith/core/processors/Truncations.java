package dev.toksmith.core.processors;

import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import java.util.List;

/** Hugging Face's {@code truncate_encodings} and {@code pad_encodings}. */
public final class Truncations {
  private Truncations() {}

  /**
   * Truncates a sequence, or a pair, so that together they hold at most {@code maxLength} tokens,
   * following {@code params}' strategy, direction and stride.
   *
   * @throws IllegalArgumentException when the strategy cannot apply (only the second sequence of a
   *     single text; a sequence too short to lose enough tokens)
   */
  public static void truncate(EncodingParts encoding, EncodingParts pair, int maxLength, Truncation params) {
    if (maxLength == 0) {
      encoding.truncate(0, params.stride(), params.direction());
      if (pair != null) pair.truncate(0, params.stride(), params.direction());
      return;
    }
    int total = encoding.size() + (pair == null ? 0 : pair.size());
    if (total <= maxLength) return;
    int toRemove = total - maxLength;
    switch (params.strategy()) {
      case LONGEST_FIRST -> {
        if (pair == null) {
          encoding.truncate(total - toRemove, params.stride(), params.direction());
          return;
        }
        int n1 = encoding.size();
        int n2 = pair.size();
        boolean swap = n1 > n2;
        if (swap) {
          int t = n1;
          n1 = n2;
          n2 = t;
        }
        // n1 is the shorter: keep it whole if the longer can give up enough, else split evenly.
        n2 = n1 > maxLength ? n1 : Math.max(n1, maxLength - n1);
        if (n1 + n2 > maxLength) {
          n1 = maxLength / 2;
          n2 = n1 + maxLength % 2;
        }
        if (swap) {
          int t = n1;
          n1 = n2;
          n2 = t;
        }
        encoding.truncate(n1, params.stride(), params.direction());
        pair.truncate(n2, params.stride(), params.direction());
      }
      case ONLY_FIRST, ONLY_SECOND -> {
        EncodingParts target = params.strategy() == Truncation.Strategy.ONLY_FIRST ? encoding : pair;
        if (target == null) throw new IllegalArgumentException("truncation only_second needs a pair of sequences");
        if (target.size() <= toRemove) {
          throw new IllegalArgumentException("the sequence to truncate has " + target.size() + " tokens, too few to remove " + toRemove);
        }
        target.truncate(target.size() - toRemove, params.stride(), params.direction());
      }
      default -> throw new AssertionError(params.strategy());
    }
  }

  /** Pads every encoding to the fixed length, or to the longest of them, rounded up to the multiple. */
  public static void pad(List<EncodingParts> encodings, Padding params) {
    if (encodings.isEmpty()) return;
    int length = params.length();
    if (params.toLongest()) {
      for (EncodingParts e : encodings) length = Math.max(length, e.size());
    }
    int multiple = params.padToMultipleOf();
    if (multiple > 0 && length % multiple > 0) length += multiple - length % multiple;
    for (EncodingParts e : encodings) e.pad(length, params.padId(), params.padTypeId(), params.padToken(), params.direction());
  }
}
