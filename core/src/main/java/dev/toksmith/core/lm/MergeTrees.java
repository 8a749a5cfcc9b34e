package dev.toksmith.core.lm;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A BPE's merges seen as trees, for the bigram test of canonicality (Vieira et al., ICML 2025;
 * {@code docs/methods/canonicality.md} has the proofs). BPE here is the textbook loop both tiktoken and
 * Hugging Face run inside a pre-token: start from one symbol per byte, and while some adjacent pair
 * has a merge, apply the one of lowest rank, the leftmost among equals.
 *
 * <p>Each token that this loop builds from its own bytes (a <em>BPE-canonical</em> token) has a
 * merge tree. Its right spine is the path from the root through right children, each node with the
 * rank of the merge that consumes it (its parent; none for the root); the left spine likewise. For
 * BPE-canonical tokens u and v whose own runs apply merges in rank order, running the loop on the
 * bytes of u then v gives [u, v] unless some node a of u's right spine and b of v's left spine are
 * side by side at some time and merge at a rank r below a's consumer and not above b's: then a
 * merge across the boundary fires. {@link #conflicts} lists the v that conflict with u from the
 * pairs that can fire, without looking at the others.
 *
 * <p>Immutable and thread-safe.
 */
final class MergeTrees {
  private static final int NONE = Integer.MAX_VALUE;

  private final Long2LongOpenHashMap pairs;
  private final int[] byteSymbols;
  private final boolean[] canonical;
  /** Whether the run that builds each BPE-canonical token applies its merges in rank order. */
  private final boolean[] ordered;
  /** The rank of the last merge of each token's own run (the one that makes it); -1 for a single byte. */
  private final int[] made;
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
    IntArrayList[] partnerLists = new IntArrayList[n];
    for (Long2LongOpenHashMap.Entry e : pairs.long2LongEntrySet()) {
      int a = (int) (e.getLongKey() >>> 32);
      int b = (int) e.getLongKey();
      int r = (int) (e.getLongValue() >>> 32);
      if (a < 0 || a >= n || b < 0 || b >= n) continue;
      if (partnerLists[a] == null) partnerLists[a] = new IntArrayList();
      partnerLists[a].add(b);
      partnerLists[a].add(r);
    }
    partners = new int[n][];
    partnerRanks = new int[n][];
    for (int a = 0; a < n; a++) {
      if (partnerLists[a] == null) continue;
      // (rank, partner) packed so that one primitive sort orders them by rank.
      long[] packed = pack(partnerLists[a], false);
      partners[a] = new int[packed.length];
      partnerRanks[a] = new int[packed.length];
      for (int i = 0; i < packed.length; i++) {
        partnerRanks[a][i] = (int) (packed[i] >>> 32);
        partners[a][i] = (int) packed[i];
      }
    }
    canonical = new boolean[n];
    ordered = new boolean[n];
    made = new int[n];
    Arrays.fill(made, -1);
    rightNodes = new int[n][];
    rightConsumers = new int[n][];
    IntArrayList[] leftLists = new IntArrayList[n];
    Tree tree = new Tree();
    for (int id = 0; id < n; id++) {
      if (bytes[id] == null || bytes[id].length == 0) continue;
      int root = tree.build(bytes[id]);
      if (root < 0 || tree.symbol[root] != id) continue;
      canonical[id] = true;
      ordered[id] = tree.ordered;
      made[id] = tree.lastRank;
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
      long[] packed = pack(leftLists[b], true);
      leftOf[b] = new int[packed.length];
      leftConsumers[b] = new int[packed.length];
      for (int i = 0; i < packed.length; i++) {
        leftConsumers[b][i] = Integer.MAX_VALUE - (int) (packed[i] >>> 32);
        leftOf[b][i] = (int) packed[i];
      }
    }
  }

  /** Pairs (id, rank) flattened in {@code flat}, packed as rank then id and sorted by rank (largest first when {@code descending}). */
  private static long[] pack(IntArrayList flat, boolean descending) {
    long[] packed = new long[flat.size() / 2];
    for (int i = 0; i < packed.length; i++) {
      int id = flat.getInt(2 * i);
      int rank = flat.getInt(2 * i + 1);
      long order = descending ? Integer.MAX_VALUE - (long) rank : rank;
      packed[i] = order << 32 | (id & 0xFFFFFFFFL);
    }
    Arrays.sort(packed);
    return packed;
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /** Whether BPE on the bytes of {@code id} gives {@code id} itself. */
  boolean isCanonical(int id) {
    return id >= 0 && id < canonical.length && canonical[id];
  }

  /**
   * Whether {@code id} is BPE-canonical and its run applies merges in rank order, as the bigram
   * test by merge trees needs of both tokens ({@link #conflicts}).
   */
  boolean isOrdered(int id) {
    return isCanonical(id) && ordered[id];
  }

  /**
   * Sets the tokens v for which BPE on the bytes of {@code u} then v does not give [u, v], among the
   * {@link #isOrdered ordered} v, for an ordered {@code u}: those with a node a on u's right spine
   * and b on v's left spine that merge at rank r below a's consumer and not above b's, a made no
   * later than b's consumer and b made before a's consumer. (A v may be found by several pairs.)
   */
  void conflicts(int u, BitSet out) {
    int[] nodes = rightNodes[u];
    int[] consumers = rightConsumers[u];
    for (int i = 0; i < nodes.length; i++) {
      int a = nodes[i];
      int[] bs = partners[a];
      if (bs == null) continue;
      int[] ranks = partnerRanks[a];
      for (int j = 0; j < bs.length && ranks[j] < consumers[i]; j++) {
        int b = bs[j];
        int[] vs = leftOf[b];
        if (vs == null || made[b] >= consumers[i]) continue;
        int[] vConsumers = leftConsumers[b];
        int lowest = Math.max(ranks[j], made[a]);
        for (int k = 0; k < vs.length && vConsumers[k] >= lowest; k++) out.set(vs[k]);
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
    /** The merge of each adjacent pair of live symbols, as {@link #pairs} holds it (-1 for none). */
    long[] merges = new long[64];
    int nodes;
    int count;
    /** Whether the last run applied its merges in rank order, and the rank of its last merge. */
    boolean ordered;
    int lastRank;

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
        merges = new long[capacity];
      }
      nodes = 0;
      ordered = true;
      lastRank = -1;
      count = bytes.length;
      for (int i = 0; i < bytes.length; i++) {
        live[i] = node(byteSymbols[bytes[i] & 0xFF], -1, -1);
      }
      // Each pair is looked up once; a merge changes only the pairs on either side of it.
      for (int i = 0; i + 1 < count; i++) merges[i] = pairMerge(i);
      while (count > 1) {
        int best = -1;
        int bestRank = NONE;
        for (int i = 0; i + 1 < count; i++) {
          long value = merges[i];
          if (value < 0) continue;
          int r = (int) (value >>> 32);
          if (r < bestRank) {
            bestRank = r;
            best = i;
          }
        }
        if (best < 0) return;
        if (bestRank < lastRank) ordered = false;
        lastRank = bestRank;
        rank[live[best]] = bestRank;
        rank[live[best + 1]] = bestRank;
        live[best] = node((int) merges[best], live[best], live[best + 1]);
        System.arraycopy(live, best + 2, live, best + 1, count - best - 2);
        System.arraycopy(merges, best + 2, merges, best + 1, Math.max(0, count - best - 3));
        count--;
        if (best > 0) merges[best - 1] = pairMerge(best - 1);
        if (best + 1 < count) merges[best] = pairMerge(best);
      }
    }

    /** The merge of live symbols {@code i} and {@code i + 1}: rank and result packed, or -1. */
    private long pairMerge(int i) {
      return pairs.get(key(symbol[live[i]], symbol[live[i + 1]]));
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
