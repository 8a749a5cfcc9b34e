package dev.toksmith.core.models;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A small direct-mapped memo of what two ids merge to, in front of a model's large pair or token
 * table: merging a piece asks for many pairs, most of them asked before (the same syllables recur),
 * and the memo answers them from a few hundred kilobytes that stay in the processor's cache instead of
 * a table of megabytes. Threads share it without locks: an entry is one long (both ids and the answer)
 * read and written atomically, so a reader sees a whole entry or an older one, never a mix.
 */
public final class PairMemo {
  /** The largest id and answer a memo holds; a model with larger ones does without. */
  public static final int MAX = (1 << 21) - 3;
  /** What {@link #get} returns for a pair it does not hold. */
  public static final int MISS = Integer.MIN_VALUE;

  private static final VarHandle ENTRIES = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int BITS = 18;
  private static final int SLOTS = 1 << BITS;
  /** Low bits of an entry: the answer plus two, so that 0 (an empty slot) is no answer and -1 is one. */
  private static final long ANSWER = (1L << 22) - 1;

  private final long[] entries = new long[SLOTS];

  private static long key(int left, int right) {
    return ((long) left << 43) | ((long) right << 22);
  }

  private static int slot(int left, int right) {
    long h = (left * 0x9E3779B97F4A7C15L) ^ (right * 0xC2B2AE3D27D4EB4FL);
    return (int) (h >>> (64 - BITS));
  }

  /** The answer kept for {@code left, right} (both at most {@link #MAX}), or {@link #MISS}. */
  public int get(int left, int right) {
    long entry = (long) ENTRIES.getOpaque(entries, slot(left, right));
    return (entry & ~ANSWER) == key(left, right) && (entry & ANSWER) != 0 ? (int) (entry & ANSWER) - 2 : MISS;
  }

  /** Keeps the answer for {@code left, right}: -1 or a value up to {@link #MAX}. */
  public void put(int left, int right, int answer) {
    ENTRIES.setOpaque(entries, slot(left, right), key(left, right) | (answer + 2));
  }
}
