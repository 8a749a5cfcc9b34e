package dev.toksmith.core.unicode;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A character trie over added-token contents answering Aho-Corasick's leftmost-longest question:
 * the match that starts first, and among those the longest; equal contents keep the first given.
 */
public final class TokenTrie {
  private final List<Int2IntOpenHashMap> children = new ArrayList<>();
  private final List<Integer> terminal = new ArrayList<>();
  private final int[] lengths;
  private final int[] ids;
  /** Characters that start some pattern, for a quick skip of positions where nothing can match. */
  private final java.util.BitSet firstChars = new java.util.BitSet(65536);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  /** First UTF-8 bytes of the patterns, for the same skip over bytes. */
  private final boolean[] firstBytes = new boolean[256];
  /**
   * The first byte of every pattern, repeated in each byte of a long, when they all start with the same
   * byte (as {@code <|endoftext|>} and its kin do); 0 otherwise.
   */
  private final long soleFirstByte;

  public TokenTrie(List<String> patterns, List<Integer> patternIds) {
    lengths = new int[patterns.size()];
    ids = new int[patterns.size()];
    newNode();
    for (int p = 0; p < patterns.size(); p++) {
      String s = patterns.get(p);
      lengths[p] = s.length();
      ids[p] = patternIds.get(p);
      if (s.isEmpty()) continue;
      firstChars.set(s.charAt(0));
      firstBytes[dev.toksmith.core.text.Utf8.encode(s.substring(0, Character.charCount(s.codePointAt(0))))[0] & 0xFF] = true;
      int node = 0;
      for (int i = 0; i < s.length(); i++) {
        Int2IntOpenHashMap next = children.get(node);
        int child = next.get(s.charAt(i));
        if (child == 0) {
          child = newNode();
          next.put(s.charAt(i), child);
        }
        node = child;
      }
      if (terminal.get(node) < 0) terminal.set(node, p);
    }
    int sole = -1;
    for (int b = 0; b < 256; b++) if (firstBytes[b]) sole = sole == -1 ? b : -2;
    soleFirstByte = sole > 0 ? ONES * sole : 0;
  }

  private int newNode() {
    children.add(new Int2IntOpenHashMap());
    terminal.add(-1);
    return children.size() - 1;
  }

  public boolean isEmpty() {
    return lengths.length == 0;
  }

  /** The length of the longest pattern, 0 without any. */
  public int maxLength() {
    int max = 0;
    for (int length : lengths) max = Math.max(max, length);
    return max;
  }

  /**
   * Whether some pattern could match in the UTF-8 text {@code utf8[from, to)}: false when no byte there
   * starts one, so that text without them needs no search.
   */
  public boolean mayMatchIn(byte[] utf8, int from, int to) {
    if (isEmpty()) return false;
    int i = from;
    if (soleFirstByte != 0) {
      // Eight bytes at a time: a byte of the word equal to the first byte is a zero byte of x, which
      // (x - ONES) & ~x has its high bit set for (a whole line is scanned so before every encode).
      for (; i + Long.BYTES <= to; i += Long.BYTES) {
        long x = (long) LONGS.get(utf8, i) ^ soleFirstByte;
        if (((x - ONES) & ~x & (ONES << 7)) != 0) return true;
      }
    }
    for (; i < to; i++) if (firstBytes[utf8[i] & 0xFF]) return true;
    return false;
  }

  public int length(int pattern) {
    return lengths[pattern];
  }

  public int id(int pattern) {
    return ids[pattern];
  }

  /**
   * Finds the leftmost-longest match at or after {@code from}; stores its start and pattern index
   * in {@code out} and returns whether there was one.
   */
  public boolean findLeftmostLongest(String text, int from, int[] out) {
    if (isEmpty()) return false;
    for (int start = from; start < text.length(); start++) {
      int best = longestAt(text, start);
      if (best >= 0) {
        out[0] = start;
        out[1] = best;
        return true;
      }
    }
    return false;
  }

  /** The pattern index of the longest match starting exactly at {@code start}, or -1. */
  public int longestAt(String text, int start) {
    if (isEmpty() || start >= text.length() || !firstChars.get(text.charAt(start))) return -1;
    int node = 0;
    int best = -1;
    for (int i = start; i < text.length(); i++) {
      node = children.get(node).get(text.charAt(i));
      if (node == 0) break;
      if (terminal.get(node) >= 0) best = terminal.get(node);
    }
    return best;
  }
}
