package dev.toksmith.core.models;

import java.util.Arrays;

/**
 * A trie of tokens over UTF-16 units, for finding every token that starts at a position in one walk.
 * The edges from the root, where every walk starts, are an array indexed by the unit; all others live
 * in one open-addressing table keyed by (node, unit). Each edge carries the id of the token that ends
 * at its child, so that a step is one array read or one probe, one cache line either way. Immutable
 * once built; thread-safe to read.
 */
public final class CharTrie {
  /** The root node: where every walk starts. */
  public static final int ROOT = 0;
  /** What {@link #step} returns when no token continues that way. */
  public static final long NONE = -1;
  private static final long EMPTY = 0;

  /** Two longs a slot: the edge key ({@code node << 16 | unit}) plus one, and {@code child << 32 | id}. */
  private long[] table;
  private int mask;
  private int edges;
  private int nodes = 1;
  /** The root's edges by unit, as {@link #step} returns them. */
  private final long[] rootSteps = new long[65536];

  /** An empty trie; add tokens with {@link #add}. */
  public CharTrie(int expectedEdges) {
    int capacity = Integer.highestOneBit(Math.max(4, expectedEdges) * 2 - 1) << 1;
    table = new long[2 * capacity];
    mask = capacity - 1;
    Arrays.fill(rootSteps, NONE);
  }

  /**
   * Adds a token with its id; a token added again keeps the later id. The empty token is never
   * matched, so it is not added.
   */
  public void add(CharSequence token, int id) {
    int node = ROOT;
    for (int i = 0; i < token.length(); i++) {
      boolean last = i == token.length() - 1;
      node = edge(node, token.charAt(i), last ? id : Integer.MIN_VALUE);
    }
  }

  /**
   * Follows (or makes) the edge from {@code node} along {@code unit}; {@code id} is the id to set on
   * the child ({@link Integer#MIN_VALUE} to leave it). Returns the child.
   */
  private int edge(int node, char unit, int id) {
    long key = key(node, unit);
    int slot = slot(key);
    while (table[2 * slot] != EMPTY && table[2 * slot] != key) slot = (slot + 1) & mask;
    if (table[2 * slot] == EMPTY) {
      if (2 * (edges + 1) > mask + 1) {
        grow();
        return edge(node, unit, id);
      }
      table[2 * slot] = key;
      table[2 * slot + 1] = ((long) nodes++ << 32) | 0xFFFFFFFFL;
      edges++;
    }
    if (id != Integer.MIN_VALUE) table[2 * slot + 1] = (table[2 * slot + 1] & 0xFFFFFFFF00000000L) | (id & 0xFFFFFFFFL);
    if (node == ROOT) rootSteps[unit] = table[2 * slot + 1];
    return (int) (table[2 * slot + 1] >>> 32);
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    mask = (table.length >> 1) - 1;
    for (int s = 0; s < old.length; s += 2) {
      if (old[s] == EMPTY) continue;
      int slot = slot(old[s]);
      while (table[2 * slot] != EMPTY) slot = (slot + 1) & mask;
      table[2 * slot] = old[s];
      table[2 * slot + 1] = old[s + 1];
    }
  }

  private static long key(int node, char unit) {
    return (((long) node << 16) | unit) + 1;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & mask;
  }

  /**
   * One step from {@code node} along {@code unit}: {@code child << 32 | id} where {@code id} (the low
   * half, as an int) is the token ending at the child or -1; {@link #NONE} when no token continues.
   */
  public long step(int node, char unit) {
    if (node == ROOT) return rootSteps[unit];
    long key = key(node, unit);
    for (int slot = slot(key); ; slot = (slot + 1) & mask) {
      long k = table[2 * slot];
      if (k == key) return table[2 * slot + 1];
      if (k == EMPTY) return NONE;
    }
  }

  /** The node reached from {@code node} along {@code units}, or -1. */
  public int walk(int node, CharSequence units) {
    for (int i = 0; i < units.length() && node >= 0; i++) {
      long next = step(node, units.charAt(i));
      node = next == NONE ? -1 : (int) (next >>> 32);
    }
    return node;
  }

  /** The id of the token {@code text[from, to)}, or -1. */
  public int find(char[] text, int from, int to) {
    int node = ROOT;
    int id = -1;
    for (int i = from; i < to; i++) {
      long step = step(node, text[i]);
      if (step == NONE) return -1;
      node = child(step);
      id = id(step);
    }
    return id;
  }

  /** The child in a value {@link #step} returned. */
  public static int child(long step) {
    return (int) (step >>> 32);
  }

  /** The id of the token ending at the child in a value {@link #step} returned, or -1. */
  public static int id(long step) {
    return (int) step;
  }

  /** Number of nodes, the root included. */
  public int size() {
    return nodes;
  }
}
