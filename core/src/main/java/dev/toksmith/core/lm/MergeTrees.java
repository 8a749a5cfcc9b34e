package dev.toksmith.core.lm;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.Arrays;

/**
 * A BPE's merges seen as trees, for the bigram test of canonicality (Vieira et al., ICML 2025;
 * {@code docs/canonicality.md} has the proofs). BPE here is the textbook loop both tiktoken and
 * Hugging Face run inside a pre-token: start from one symbol per byte, and while some adjacent pair
 * has a merge, apply the one of lowest rank, the leftmost among equals.
 *
 * <p>Each token that this loop builds from its own bytes (a <em>BPE-canonical</em> token) has a
 * merge tree. Its right spine is the path from the root through right children, each node with the
 * rank of the merge that consumes it (its parent; none for the root); the left spine likewise. For
 * BPE-canonical tokens u and v, running the loop on the bytes of u then v gives [u, v] unless some
 * node a of u's right spine and b of v's left spine merge at a rank r below a's consumer and not
 * above b's: then the pair (a, b) fires first. That holds when merges are <em>monotone</em>: a
 * merge ranks after every merge that makes one of its two parts, which {@link #monotone()} checks.
 * {@link #conflicts} lists the v that conflict with u from the pairs that can fire, without looking
 * at the others.
 *
 * <p>Immutable and thread-safe.
 */
final class MergeTrees {
  private static final int NONE = Integer.MAX_VALUE;

  private final Long2LongOpenHashMap pairs;
  private final int[] byteSymbols;
  private final boolean[] canonical;
  private final boolean monotone;
  /** Right spine of each token: nodes and the rank that consumes each ({@link #NONE} for the root). */
  private final int[][] rightNodes;
  private final int[][] rightConsumers;
  /** For each left part a, its right partners b and the pair's rank, by rank. */
  private final int[][] partners;
  private final int[][] partnerRanks;
  /** For each node b, the tokens whose left spine holds it, with b's consumer there, largest first. */
  private final int[][] leftOf;
  private final int[][] leftConsumers;

  /**
   * @param bytes the bytes of each id (null for none)
   * @param byteSymbols the symbol each byte starts as
   * @param left the left part of each merge
   * @param right its right part
   * @param result what it makes
   * @param rank its rank (lower merges first); a pair listed twice keeps its last entry
   */
  MergeTrees(byte[][] bytes, int[] byteSymbols, int[] left, int[] right, int[] result, int[] rank) {
    int n = bytes.length;
    this.byteSymbols = byteSymbols.clone();
    pairs = new Long2LongOpenHashMap(left.length * 2);
    pairs.defaultReturnValue(-1);
    for (int i = 0; i < left.length; i++) pairs.put(key(left[i], right[i]), ((long) rank[i] << 32) | (result[i] & 0xFFFFFFFFL));
    // A merge's rank must exceed every rank that makes one of its parts.
    int[] latestMaking = new int[n];
    Arrays.fill(latestMaking, -1);
    for (Long2LongOpenHashMap.Entry e : pairs.long2LongEntrySet()) {
      int made = (int) e.getLongValue();
      if (made >= 0 && made < n) latestMaking[made] = Math.max(latestMaking[made], (int) (e.getLongValue() >>> 32));
    }
    boolean ordered = true;
    IntArrayList[] partnerLists = new IntArrayList[n];
    for (Long2LongOpenHashMap.Entry e : pairs.long2LongEntrySet()) {
      int a = (int) (e.getLongKey() >>> 32);
      int b = (int) e.getLongKey();
      int r = (int) (e.getLongValue() >>> 32);
      if (a < 0 || a >= n || b < 0 || b >= n) continue;
      if (r <= latestMaking[a] || r <= latestMaking[b]) ordered = false;
      if (partnerLists[a] == null) partnerLists[a] = new IntArrayList();
      partnerLists[a].add(b);
      partnerLists[a].add(r);
    }
    monotone = ordered;
    partners = new int[n][];
    partnerRanks = new int[n][];
    for (int a = 0; a < n; a++) {
      if (partnerLists[a] == null) continue;
      int[] flat = partnerLists[a].toIntArray();
      Integer[] order = new Integer[flat.length / 2];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, (x, y) -> Integer.compare(flat[2 * x + 1], flat[2 * y + 1]));
      partners[a] = new int[order.length];
      partnerRanks[a] = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        partners[a][i] = flat[2 * order[i]];
        partnerRanks[a][i] = flat[2 * order[i] + 1];
      }
    }
    canonical = new boolean[n];
    rightNodes = new int[n][];
    rightConsumers = new int[n][];
    IntArrayList[] leftLists = new IntArrayList[n];
    Tree tree = new Tree();
    for (int id = 0; id < n; id++) {
      if (bytes[id] == null || bytes[id].length == 0) continue;
      int root = tree.build(bytes[id]);
      if (root < 0 || tree.symbol[root] != id) continue;
      canonical[id] = true;
      IntArrayList nodes = new IntArrayList();
      IntArrayList consumers = new IntArrayList();
      for (int node = root; node >= 0; node = tree.right[node]) {
        nodes.add(tree.symbol[node]);
        consumers.add(tree.rank[node]);
      }
      rightNodes[id] = nodes.toIntArray();
      rightConsumers[id] = consumers.toIntArray();
      for (int node = root; node >= 0; node = tree.left[node]) {
        int b = tree.symbol[node];
        if (leftLists[b] == null) leftLists[b] = new IntArrayList();
        leftLists[b].add(id);
        leftLists[b].add(tree.rank[node]);
      }
    }
    leftOf = new int[n][];
    leftConsumers = new int[n][];
    for (int b = 0; b < n; b++) {
      if (leftLists[b] == null) continue;
      int[] flat = leftLists[b].toIntArray();
      Integer[] order = new Integer[flat.length / 2];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, (x, y) -> Integer.compare(flat[2 * y + 1], flat[2 * x + 1]));
      leftOf[b] = new int[order.length];
      leftConsumers[b] = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        leftOf[b][i] = flat[2 * order[i]];
        leftConsumers[b][i] = flat[2 * order[i] + 1];
      }
    }
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /** Whether BPE on the bytes of {@code id} gives {@code id} itself. */
  boolean isCanonical(int id) {
    return id >= 0 && id < canonical.length && canonical[id];
  }

  /** Whether every merge ranks after the merges that make its parts (the bigram test needs it). */
  boolean monotone() {
    return monotone;
  }

  /**
   * The BPE-canonical tokens v for which BPE on the bytes of {@code u} then v does not give [u, v]
   * (possibly with repeats), for a BPE-canonical {@code u} and {@link #monotone()} merges.
   */
  void conflicts(int u, IntArrayList out) {
    int[] nodes = rightNodes[u];
    int[] consumers = rightConsumers[u];
    for (int i = 0; i < nodes.length; i++) {
      int a = nodes[i];
      int[] bs = partners[a];
      if (bs == null) continue;
      int[] ranks = partnerRanks[a];
      for (int j = 0; j < bs.length && ranks[j] < consumers[i]; j++) {
        int[] vs = leftOf[bs[j]];
        if (vs == null) continue;
        int[] vConsumers = leftConsumers[bs[j]];
        for (int k = 0; k < vs.length && vConsumers[k] >= ranks[j]; k++) out.add(vs[k]);
      }
    }
  }

  /** BPE on {@code bytes}: the symbols it ends with. */
  int[] encode(byte[] bytes) {
    Tree tree = new Tree();
    tree.run(bytes);
    int[] out = new int[tree.count];
    for (int i = 0; i < tree.count; i++) out[i] = tree.symbol[tree.live[i]];
    return out;
  }

  /** One run of the BPE loop that keeps the tree it builds. */
  private final class Tree {
    int[] symbol = new int[64];
    int[] left = new int[64];
    int[] right = new int[64];
    int[] rank = new int[64];
    int[] live = new int[64];
    int nodes;
    int count;

    /** Builds the tree of {@code bytes}; its root, or -1 when the run ends with several symbols. */
    int build(byte[] bytes) {
      run(bytes);
      return count == 1 ? live[0] : -1;
    }

    void run(byte[] bytes) {
      int capacity = 2 * bytes.length;
      if (symbol.length < capacity) {
        symbol = new int[capacity];
        left = new int[capacity];
        right = new int[capacity];
        rank = new int[capacity];
        live = new int[capacity];
      }
      nodes = 0;
      count = bytes.length;
      for (int i = 0; i < bytes.length; i++) {
        live[i] = node(byteSymbols[bytes[i] & 0xFF], -1, -1);
      }
      while (count > 1) {
        int best = -1;
        int bestRank = NONE;
        long bestValue = 0;
        for (int i = 0; i + 1 < count; i++) {
          long value = pairs.get(key(symbol[live[i]], symbol[live[i + 1]]));
          if (value < 0) continue;
          int r = (int) (value >>> 32);
          if (r < bestRank) {
            bestRank = r;
            best = i;
            bestValue = value;
          }
        }
        if (best < 0) return;
        rank[live[best]] = bestRank;
        rank[live[best + 1]] = bestRank;
        live[best] = node((int) bestValue, live[best], live[best + 1]);
        System.arraycopy(live, best + 2, live, best + 1, count - best - 2);
        count--;
      }
    }

    private int node(int s, int l, int r) {
      symbol[nodes] = s;
      left[nodes] = l;
      right[nodes] = r;
      rank[nodes] = NONE;
      return nodes++;
    }
  }
}
