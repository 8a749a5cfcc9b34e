package dev.toksmith.core.models.unigram;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntMap;
import java.util.Arrays;

/**
 * A trie of the vocabulary's pieces over UTF-16 units, for finding every piece that starts at a
 * position. All children live in one hash table keyed by (node, unit), which keeps large
 * vocabularies compact.
 */
public final class PieceTrie {
  private final Long2IntOpenHashMap children = new Long2IntOpenHashMap();
  /** For each node, the id of the piece ending there, or -1. */
  private int[] ids = new int[16];
  private int nodes = 1;

  /** @param pieceIds each piece with the id a lookup of it answers */
  public PieceTrie(Object2IntMap<String> pieceIds) {
    children.defaultReturnValue(-1);
    Arrays.fill(ids, -1);
    for (var e : pieceIds.object2IntEntrySet()) {
      String piece = e.getKey();
      // An empty piece is never matched, as in Hugging Face's trie.
      if (piece.isEmpty()) continue;
      int node = 0;
      for (int i = 0; i < piece.length(); i++) {
        long key = key(node, piece.charAt(i));
        int child = children.get(key);
        if (child < 0) {
          child = nodes++;
          if (child == ids.length) {
            ids = Arrays.copyOf(ids, child * 2);
            Arrays.fill(ids, child, ids.length, -1);
          }
          children.put(key, child);
        }
        node = child;
      }
      ids[node] = e.getIntValue();
    }
  }

  private static long key(int node, char unit) {
    return ((long) node << 16) | unit;
  }

  /** The root node. */
  public static int root() {
    return 0;
  }

  /** The node after {@code unit}, or -1 when no piece continues that way. */
  public int child(int node, char unit) {
    return children.get(key(node, unit));
  }

  /** The id of the piece ending at {@code node}, or -1. */
  public int pieceId(int node) {
    return ids[node];
  }
}
