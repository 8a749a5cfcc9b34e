package dev.toksmith.core.models.bpe;

import dev.toksmith.core.models.ByteTokenTable;

/**
 * Whether a byte-level BPE model's merges are in rank order, so that Hugging Face's merging (lowest
 * merge rank first) gives the ids that merging by the ranks of the tokens made gives ({@link
 * dev.toksmith.core.models.TiktokenModel#inMergeOrder}): the shape of every tokenizer.json
 * converted from a tiktoken encoding. Decided from the merges and the tokens' bytes alone; the proof is
 * in docs/byte-level-fast-path.md. Three conditions:
 *
 * <ol>
 *   <li>every merge makes the token whose bytes are its left part's followed by its right part's;
 *   <li>the merges are sorted by the id of the token made, then the left part's id, then the right
 *       part's, each one after the one before (so no pair is listed twice);
 *   <li>every way of cutting a token into two tokens is a merge. With the first two, the merges are
 *       distinct cuts, so it is enough that there are as many merges as cuts.
 * </ol>
 */
final class RankOrder {
  private RankOrder() {}

  /**
   * Whether the merges {@code merges} of the tokens {@code table} (made of {@code tokenBytes} laid end
   * to end in id order, {@code lengths} by id, -1 for an id without bytes) meet the three conditions.
   */
  static boolean holds(ByteTokenTable table, byte[] tokenBytes, int[] lengths, MergeTable.Ranked merges) {
    int[] starts = new int[lengths.length];
    int at = 0;
    for (int id = 0; id < lengths.length; id++) {
      starts[id] = at;
      at += Math.max(lengths[id], 0);
    }
    int previousResult = -1;
    int previousLeft = -1;
    int previousRight = -1;
    for (int rank = 0; rank < merges.size(); rank++) {
      int left = merges.left(rank);
      int right = merges.right(rank);
      int result = merges.result(rank);
      if (!joins(tokenBytes, starts, lengths, left, right, result)) return false;
      if (result < previousResult || result == previousResult && (left < previousLeft || left == previousLeft && right <= previousRight)) return false;
      previousResult = result;
      previousLeft = left;
      previousRight = right;
    }
    long cuts = 0;
    for (int id = 0; id < lengths.length; id++) {
      int start = starts[id];
      int end = start + lengths[id];
      for (int cut = start + 1; cut < end; cut++) {
        if (table.id(tokenBytes, start, cut) >= 0 && table.id(tokenBytes, cut, end) >= 0 && ++cuts > merges.size()) return false;
      }
    }
    return cuts == merges.size();
  }

  /** Whether the bytes of {@code result} are those of {@code left} followed by those of {@code right}. */
  private static boolean joins(byte[] bytes, int[] starts, int[] lengths, int left, int right, int result) {
    int n = lengths.length;
    if (left < 0 || right < 0 || result < 0 || left >= n || right >= n || result >= n) return false;
    int l = lengths[left];
    int r = lengths[right];
    if (l <= 0 || r <= 0 || lengths[result] != l + r) return false;
    int at = starts[result];
    return java.util.Arrays.equals(bytes, starts[left], starts[left] + l, bytes, at, at + l)
        && java.util.Arrays.equals(bytes, starts[right], starts[right] + r, bytes, at + l, at + l + r);
  }
}
