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
 *   <li>every way of cutting a token into two tokens is a merge. With the first two, a token's merges
 *       are distinct such cuts, so only its other cuts need looking at (none, for a token with a merge
 *       at every cut).
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
    // The merges of each token made are consecutive (condition 2): the first one's rank and their number.
    int[] firstMerge = new int[lengths.length];
    int[] mergeCount = new int[lengths.length];
    int previousResult = -1;
    int previousLeft = -1;
    int previousRight = -1;
    for (int rank = 0; rank < merges.size(); rank++) {
      int left = merges.left(rank);
      int right = merges.right(rank);
      int result = merges.result(rank);
      if (!joins(tokenBytes, starts, lengths, left, right, result)) return false;
      if (result < previousResult || result == previousResult && (left < previousLeft || left == previousLeft && right <= previousRight)) return false;
      if (result != previousResult) firstMerge[result] = rank;
      mergeCount[result]++;
      previousResult = result;
      previousLeft = left;
      previousRight = right;
    }
    // Condition 3, token by token: a token's merges are distinct cuts of it into two tokens (conditions 1
    // and 2), so only the cuts that are no merge need looking up, and none of them may be into two tokens.
    int[] mergedAt = new int[1];
    for (int id = 0; id < lengths.length; id++) {
      int length = lengths[id];
      if (length <= 1 || mergeCount[id] == length - 1) continue;
      if (mergedAt.length < length) mergedAt = new int[Math.max(length, 2 * mergedAt.length)];
      // Marks the merges' cuts with id + 1, so that no clearing is needed between tokens.
      for (int rank = firstMerge[id], end = rank + mergeCount[id]; rank < end; rank++) mergedAt[lengths[merges.left(rank)]] = id + 1;
      int start = starts[id];
      for (int cut = 1; cut < length; cut++) {
        if (mergedAt[cut] != id + 1 && table.id(tokenBytes, start, start + cut) >= 0 && table.id(tokenBytes, start + cut, start + length) >= 0) return false;
      }
    }
    return true;
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
