package dev.toksmith.core.models.unigram;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;

/**
 * A trie over the Unigram trainer's seed pieces (sequences of character ids), built once: the
 * pieces pruning leaves are a subset of the seeds, so lookups stay valid and the trainer maps seed
 * indices to the current vocabulary. The root's children are an array indexed by character; every
 * other node's children are a run sorted by character, searched in halves.
 */
final class SeedTrie {
  private final int[] rootChildren;
  /** Per node: where its children start in {@link #labels}/{@link #targets}, and how many. */
  private final int[] firstChild;
  private final int[] childCount;
  private final int[] labels;
  private final int[] targets;
  /** Per node: the seed ending there, or -1. */
  private final int[] seedAt;

  SeedTrie(List<int[]> seeds, int alphabet) {
    Long2IntOpenHashMap edges = new Long2IntOpenHashMap();
    edges.defaultReturnValue(-1);
    int nodes = 1;
    int[] seedOf = new int[1024];
    Arrays.fill(seedOf, -1);
    for (int s = 0; s < seeds.size(); s++) {
      int node = 0;
      for (int c : seeds.get(s)) {
        long key = (long) node << 32 | c;
        int child = edges.get(key);
        if (child < 0) {
          child = nodes++;
          edges.put(key, child);
          if (child == seedOf.length) {
            seedOf = Arrays.copyOf(seedOf, 2 * child);
            Arrays.fill(seedOf, child, seedOf.length, -1);
          }
        }
        node = child;
      }
      seedOf[node] = s;
    }
    seedAt = Arrays.copyOf(seedOf, nodes);
    rootChildren = new int[alphabet];
    Arrays.fill(rootChildren, -1);
    // Children of the same parent, sorted by label: sort the edges by (parent, label).
    long[] keys = edges.keySet().toLongArray();
    Arrays.sort(keys);
    firstChild = new int[nodes];
    childCount = new int[nodes];
    labels = new int[keys.length];
    targets = new int[keys.length];
    for (int e = 0; e < keys.length; e++) {
      int parent = (int) (keys[e] >>> 32);
      int label = (int) keys[e];
      int child = edges.get(keys[e]);
      labels[e] = label;
      targets[e] = child;
      if (childCount[parent]++ == 0) firstChild[parent] = e;
      if (parent == 0) rootChildren[label] = child;
    }
  }

  static int root() {
    return 0;
  }

  /** The node after character {@code c}, or -1. */
  int child(int node, int c) {
    if (node == 0) return rootChildren[c];
    int low = firstChild[node];
    int high = low + childCount[node] - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int label = labels[mid];
      if (label < c) {
        low = mid + 1;
      } else if (label > c) {
        high = mid - 1;
      } else {
        return targets[mid];
      }
    }
    return -1;
  }

  /** The seed ending at {@code node}, or -1. */
  int seed(int node) {
    return seedAt[node];
  }
}
