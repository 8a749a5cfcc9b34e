package dev.toksmith.api;

import java.util.Arrays;
import java.util.List;

/**
 * A token {@code DynamicMerger} (in {@code dev.toksmith}) made for one batch: its id in the extended id space, its vocabulary
 * form, its surface form and the merge that made it. Immutable.
 *
 * @param id the new id (the batch's first new id, then one more per merge)
 * @param token the vocabulary forms of its surface form, concatenated (e.g. {@code "Ġhuman"})
 * @param surface the base ids it is made of, in order (a copy is returned)
 * @param left the id (base or earlier new id) of its left part: with {@code right}, the merge tree
 * @param right the id of its right part
 * @param count how many non-overlapping occurrences the merge replaced
 *
 * <pre>{@code
 * for (MergedToken t : batch.newTokens()) {
 *   System.out.println(t.id() + " " + t.token() + " = " + t.left() + " + " + t.right() + " (" + t.count() + "x)");
 * }
 * }</pre>
 */
public record MergedToken(int id, String token, int[] surface, int left, int right, int count) {
  public MergedToken {
    surface = surface.clone();
  }

  @Override
  public int[] surface() {
    return surface.clone();
  }

  /** Pads the rows of {@link #surfaceMatrix}. */
  public static final int SURFACE_PAD = -1;

  /**
   * The surface forms of {@code tokens} as a row-major matrix {@code [tokens x longest]}, each row
   * padded with {@link #SURFACE_PAD}: what an embedding hypernetwork consumes.
   */
  public static int[] surfaceMatrix(List<MergedToken> tokens) {
    int width = maxSurfaceLength(tokens);
    int[] matrix = new int[tokens.size() * width];
    Arrays.fill(matrix, SURFACE_PAD);
    for (int i = 0; i < tokens.size(); i++) System.arraycopy(tokens.get(i).surface, 0, matrix, i * width, tokens.get(i).surface.length);
    return matrix;
  }

  /** The longest surface form among {@code tokens}, in base tokens (0 for none): the width of {@link #surfaceMatrix}. */
  public static int maxSurfaceLength(List<MergedToken> tokens) {
    int max = 0;
    for (MergedToken t : tokens) max = Math.max(max, t.surface.length);
    return max;
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
