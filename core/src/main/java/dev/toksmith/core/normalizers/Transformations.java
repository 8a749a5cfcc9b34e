package dev.toksmith.core.normalizers;

import dev.toksmith.core.unicode.NormalizedString;
import java.util.Arrays;

/** The code points and changes handed to {@link NormalizedString#transform}. */
final class Transformations {
  int[] codePoints;
  int[] changes;
  int size;
  int initialRemoved;
  boolean modified;

  Transformations(int capacity) {
    codePoints = new int[capacity + 8];
    changes = new int[codePoints.length];
  }

  void keep(int cp) {
    add(cp, 0);
  }

  /**
   * Hugging Face's {@code replace}: the new characters replace the old ones one for one; when there
   * are more, the last extra ones become insertions; when there are fewer, the last character emitted
   * so far removes the rest. With nothing emitted yet, the reference drops that removal;
   * {@code removeLeading} counts it as removed at the start instead.
   */
  void replace(int oldCount, String replacement, boolean removeLeading) {
    modified = true;
    int first = size;
    replacement.codePoints().forEach(cp -> add(cp, 0));
    int diff = (size - first) - oldCount;
    if (diff > 0) {
      Arrays.fill(changes, size - diff, size, 1);
    } else if (diff < 0) {
      if (size > 0) {
        changes[size - 1] += diff;
      } else if (removeLeading) {
        initialRemoved -= diff;
      }
    }
  }

  /** An inserted character: it takes the alignment of the character before it. */
  void insert(int cp) {
    modified = true;
    add(cp, 1);
  }

  private void add(int cp, int change) {
    if (size == codePoints.length) {
      codePoints = Arrays.copyOf(codePoints, size * 2);
      changes = Arrays.copyOf(changes, codePoints.length);
    }
    codePoints[size] = cp;
    changes[size++] = change;
  }
}
