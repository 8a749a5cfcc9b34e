package dev.toksmith.api;

import java.util.Arrays;

/**
 * A token {@link DynamicMerger} made for one batch: its id in the extended id space, its vocabulary
 * form, its surface form and the merge that made it. Immutable.
 *
 * @param id the new id (the batch's first new id, then one more per merge)
 * @param token the vocabulary forms of its surface form, concatenated (e.g. {@code "Ġhuman"})
 * @param surface the base ids it is made of, in order (a copy is returned)
 * @param left the id (base or earlier new id) of its left part: with {@code right}, the merge tree
 * @param right the id of its right part
 * @param count how many non-overlapping occurrences the merge replaced
 */
public record MergedToken(int id, String token, int[] surface, int left, int right, int count) {
  public MergedToken {
    surface = surface.clone();
  }

  @Override
  public int[] surface() {
    return surface.clone();
  }

  /** Number of base tokens it is made of. */
  public int surfaceLength() {
    return surface.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MergedToken t && id == t.id && token.equals(t.token) && Arrays.equals(surface, t.surface)
        && left == t.left && right == t.right && count == t.count;
  }

  @Override
  public int hashCode() {
    return 31 * id + Arrays.hashCode(surface);
  }

  @Override
  public String toString() {
    return "MergedToken[" + id + " " + token + " " + Arrays.toString(surface) + " = " + left + " + " + right + ", count " + count + "]";
  }
}
