package dev.toksmith.core.models;

import dev.toksmith.core.text.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;

/**
 * Counts words for training on any number of threads in one table, so that memory holds each
 * distinct word once whatever the number of threads. A hash of each word's bytes picks one of
 * {@value #STRIPES} stripes, each a small table behind its own lock; a thread counts through its
 * own {@link #sink()}, which counts the words it meets often in a small cache of its own and gathers
 * the others per stripe, handing them over a few kilobytes at a time, so that locks are taken rarely. A stripe that grows copies only its own share of the words.
 *
 * <p>A stripe keeps its words back to back in one byte array, each as its count (eight bytes), its
 * length (a varint) and its bytes, and finds them through an open-addressing table of eight-byte
 * slots (part of the hash, and where the word starts): about 30 bytes per distinct word of eight
 * bytes, against 50 or more for a table whose slots hold the words.
 */
public final class StripedWordCounter implements CountedWords {
  static final int STRIPES = 64;
  private static final int STRIPE_BITS = 6;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Stripe[] stripes = new Stripe[STRIPES];

  public StripedWordCounter() {
    for (int i = 0; i < STRIPES; i++) stripes[i] = new Stripe();
  }

  /** Adds {@code count} occurrences of the word {@code utf8[from, to)}; thread-safe. */
  public void add(byte[] utf8, int from, int to, long count) {
    long hash = hash(utf8, from, to);
    Stripe stripe = stripes[stripeOf(hash)];
    synchronized (stripe) {
      stripe.add(utf8, from, to, hash, count);
    }
  }

  /** Adds every word {@code other} counted, with its count; neither may be counting meanwhile. */
  public void addAll(StripedWordCounter other) {
    other.forEach(this::add);
  }

  /** Distinct words counted; not while counting. */
  @Override
  public int size() {
    int size = 0;
    for (Stripe stripe : stripes) size += stripe.size;
    return size;
  }

  /** Visits every distinct word once, in no particular order; not while counting. */
  @Override
  public void forEach(WordCounter.WordVisitor visitor) {
    for (Stripe stripe : stripes) stripe.forEach(visitor);
  }

  @Override
  public void forEachInByteOrder(WordCounter.WordVisitor visitor) {
    // Sorted by their first eight bytes (radix), then each run that shares them by all their bytes.
    int n = size();
    long[] heads = new long[n];
    long[] words = new long[n];
    int[] at = {0};
    for (int s = 0; s < STRIPES; s++) {
      long stripe = (long) s << 32;
      stripes[s].forEachEntry((arena, entry, start, end) -> {
        heads[at[0]] = head(arena, start, end) ^ Long.MIN_VALUE; // unsigned order as signed
        words[at[0]++] = stripe | entry;
      });
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    LongArrays.radixSortIndirect(order, heads, true);
    for (int start = 0, end; start < n; start = end) {
      end = start + 1;
      while (end < n && heads[order[end]] == heads[order[start]]) end++;
      if (end - start > 1) IntArrays.quickSort(order, start, end, (a, b) -> compare(words[a], words[b]));
    }
    for (int i = 0; i < n; i++) {
      long word = words[order[i]];
      stripes[(int) (word >>> 32)].visit((int) word, visitor);
    }
  }

  /** The first eight bytes, big-endian and padded with zeros, which order as the bytes do. */
  private static long head(byte[] bytes, int from, int to) {
    long head = 0;
    for (int i = from; i < from + Long.BYTES; i++) head = head << 8 | (i < to ? bytes[i] & 0xFF : 0);
    return head;
  }

  private int compare(long a, long b) {
    Stripe x = stripes[(int) (a >>> 32)];
    Stripe y = stripes[(int) (b >>> 32)];
    int i = x.start((int) a);
    int j = y.start((int) b);
    return Arrays.compareUnsigned(x.arena, i, i + x.length((int) a), y.arena, j, j + y.length((int) b));
  }

  /** A sink for one thread; {@link Sink#flush} it before reading the counts. */
  public Sink sink() {
    return new Sink();
  }

  private static int stripeOf(long hash) {
    return (int) (hash >>> (Long.SIZE - STRIPE_BITS));
  }

  /** A well-mixed 64-bit hash of the bytes, eight at a time. */
  static long hash(byte[] bytes, int from, int to) {
    long h = (to - from) * 0x9E3779B97F4A7C15L;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) h = Long.rotateLeft((h ^ (long) LONGS.get(bytes, i)) * 0xBF58476D1CE4E5B9L, 29);
    int left = to - i;
    long tail = 0;
    if (left > 0) {
      if (i + Long.BYTES <= bytes.length) {
        tail = (long) LONGS.get(bytes, i) & (-1L >>> (Long.SIZE - 8 * left));
      } else {
        for (int k = to - 1; k >= i; k--) tail = tail << 8 | (bytes[k] & 0xFF);
      }
    }
    h = (h ^ tail) * 0x94D049BB133111EBL;
    h = (h ^ h >>> 31) * 0xBF58476D1CE4E5B9L;
    return h ^ h >>> 29;
  }

  /** One stripe's words and counts; guarded by its own lock. */
  private static final class Stripe {
    /** Per slot, 0 when free, else the hash's upper 32 bits and 1 + where the word starts in {@link #arena}. */
    private long[] slots = new long[64];
    private int size;
    private byte[] arena = new byte[1024];
    private int used;

    void add(byte[] word, int from, int to, long hash, long count) {
      int length = to - from;
      long tag = hash & 0xFFFF_FFFF_0000_0000L;
      int mask = slots.length - 1;
      for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
        long s = slots[slot];
        if (s == 0) {
          slots[slot] = tag | (append(word, from, length, count) + 1L);
          if (++size * 4L > slots.length * 3L) grow();
          return;
        }
        if ((s & 0xFFFF_FFFF_0000_0000L) == tag && sameWord((int) s - 1, word, from, length)) {
          int at = (int) s - 1;
          LONGS.set(arena, at, (long) LONGS.get(arena, at) + count);
          return;
        }
      }
    }

    private boolean sameWord(int at, byte[] word, int from, int length) {
      byte first = arena[at + Long.BYTES];
      if (first < 0) {
        int start = at + Long.BYTES + varintLength(arena, at + Long.BYTES);
        return readVarint(arena, at + Long.BYTES) == length && Arrays.equals(arena, start, start + length, word, from, from + length);
      }
      // A length below 128 takes one byte (most words); up to eight bytes compare as one long.
      int start = at + Long.BYTES + 1;
      if (first != length) return false;
      if (length > Long.BYTES || from + Long.BYTES > word.length) return Arrays.equals(arena, start, start + length, word, from, from + length);
      long mask = -1L >>> (Long.SIZE - 8 * length);
      return (((long) LONGS.get(arena, start) ^ (long) LONGS.get(word, from)) & mask) == 0;
    }

    /** Appends count, length and bytes; returns where the entry starts. */
    private int append(byte[] word, int from, int length, long count) {
      // Eight spare bytes, so that the last word can be read as a long.
      int need = Long.BYTES + 5 + length + Long.BYTES;
      if (used + need > arena.length) arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(used + need, 2L * arena.length)));
      int at = used;
      LONGS.set(arena, at, count);
      int p = at + Long.BYTES;
      for (int v = length; ; v >>>= 7) {
        if (v < 0x80) {
          arena[p++] = (byte) v;
          break;
        }
        arena[p++] = (byte) (v & 0x7F | 0x80);
      }
      System.arraycopy(word, from, arena, p, length);
      used = p + length;
      return at;
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      int mask = slots.length - 1;
      for (long s : old) {
        if (s == 0) continue;
        int at = (int) s - 1;
        int start = at + Long.BYTES + varintLength(arena, at + Long.BYTES);
        int slot = (int) hash(arena, start, start + readVarint(arena, at + Long.BYTES)) & mask;
        while (slots[slot] != 0) slot = (slot + 1) & mask;
        slots[slot] = s;
      }
    }

    void forEach(WordCounter.WordVisitor visitor) {
      forEachEntry((bytes, entry, start, end) -> visitor.word(bytes, start, end, (long) LONGS.get(bytes, entry)));
    }

    /** An entry of the arena: where it starts, and where its word's bytes start and end. */
    @FunctionalInterface
    interface EntryVisitor {
      void entry(byte[] arena, int entry, int start, int end);
    }

    void forEachEntry(EntryVisitor visitor) {
      for (int at = 0; at < used; ) {
        int start = start(at);
        int end = start + length(at);
        visitor.entry(arena, at, start, end);
        at = end;
      }
    }

    void visit(int entry, WordCounter.WordVisitor visitor) {
      int start = start(entry);
      visitor.word(arena, start, start + length(entry), (long) LONGS.get(arena, entry));
    }

    /** Where the word of the entry at {@code entry} starts. */
    int start(int entry) {
      return entry + Long.BYTES + varintLength(arena, entry + Long.BYTES);
    }

    int length(int entry) {
      return readVarint(arena, entry + Long.BYTES);
    }

    private static int readVarint(byte[] bytes, int at) {
      int value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[at++];
        value |= (b & 0x7F) << shift;
        if (b >= 0) return value;
      }
    }

    private static int varintLength(byte[] bytes, int at) {
      int n = 1;
      while (bytes[at++] < 0) n++;
      return n;
    }
  }

  /**
   * Gathers one thread's words: a word of up to {@value #CACHED_BYTES} bytes first goes to a small
   * direct-mapped cache of its own (a slot per hash, which keeps the word and how often it came while
   * it stayed), where a frequent word is counted again at the cost of one compare; a word it pushes
   * out, with its count, and every longer word go to a buffer per stripe, whose words are added under
   * the stripe's lock once they fill {@value #BUFFER_BYTES} bytes. Not thread-safe.
   */
  public final class Sink implements WordSink {
    private static final int BUFFER_BYTES = 4096;
    private static final int HEADER = Long.BYTES + 2 * Integer.BYTES;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Slots of the cache of recent short words; a power of two, small enough to stay in the core's cache. */
    private static final int CACHE_SLOTS = 1 << 13;
    /** Words up to this long go through the cache. */
    private static final int CACHED_BYTES = 16;
    private final byte[][] buffers = new byte[STRIPES][];
    private final int[] used = new int[STRIPES];
    /** Per slot: the word's hash, its length, its bytes (CACHED_BYTES apart) and how often it came since it was cached (0: empty). */
    private final long[] cacheHashes = new long[CACHE_SLOTS];
    private final int[] cacheLengths = new int[CACHE_SLOTS];
    private final byte[] cacheBytes = new byte[CACHE_SLOTS * CACHED_BYTES];
    private final int[] cacheCounts = new int[CACHE_SLOTS];
    private byte[] scratch = new byte[256];

    private Sink() {}

    @Override
    public void add(byte[] utf8, int from, int to) {
      int length = to - from;
      long hash = hash(utf8, from, to);
      if (length > CACHED_BYTES) {
        gather(utf8, from, to, hash, 1);
        return;
      }
      // Frequent words meet their own slot again: one compare, no copy.
      int slot = (int) (hash >>> 32) & (CACHE_SLOTS - 1);
      int at = slot * CACHED_BYTES;
      int count = cacheCounts[slot];
      if (count != 0 && count != Integer.MAX_VALUE && cacheHashes[slot] == hash && cacheLengths[slot] == length
          && Arrays.equals(cacheBytes, at, at + length, utf8, from, to)) {
        cacheCounts[slot] = count + 1;
        return;
      }
      if (count != 0) gather(cacheBytes, at, at + cacheLengths[slot], cacheHashes[slot], count);
      cacheHashes[slot] = hash;
      cacheLengths[slot] = length;
      System.arraycopy(utf8, from, cacheBytes, at, length);
      cacheCounts[slot] = 1;
    }

    /** Adds {@code count} occurrences of the word to its stripe's buffer, or straight to the stripe if it does not fit. */
    private void gather(byte[] word, int from, int to, long hash, int count) {
      int length = to - from;
      int stripe = stripeOf(hash);
      if (HEADER + length > BUFFER_BYTES) {
        Stripe s = stripes[stripe];
        synchronized (s) {
          s.add(word, from, to, hash, count);
        }
        return;
      }
      byte[] buffer = buffers[stripe];
      if (buffer == null) buffer = buffers[stripe] = new byte[BUFFER_BYTES];
      int at = used[stripe];
      if (at + HEADER + length > BUFFER_BYTES) {
        flush(stripe);
        at = 0;
      }
      LONGS.set(buffer, at, hash);
      INTS.set(buffer, at + Long.BYTES, length);
      INTS.set(buffer, at + Long.BYTES + Integer.BYTES, count);
      System.arraycopy(word, from, buffer, at + HEADER, length);
      used[stripe] = at + HEADER + length;
    }

    @Override
    public void add(CharSequence text, int from, int to) {
      int max = Utf8.maxBytes(to - from);
      if (scratch.length < max) scratch = new byte[Math.max(max, 2 * scratch.length)];
      add(scratch, 0, Utf8.encode(text, from, to, false, scratch, 0, null));
    }

    /** Adds every gathered word to the counts. */
    public void flush() {
      for (int slot = 0; slot < CACHE_SLOTS; slot++) {
        int count = cacheCounts[slot];
        if (count == 0) continue;
        int at = slot * CACHED_BYTES;
        gather(cacheBytes, at, at + cacheLengths[slot], cacheHashes[slot], count);
        cacheCounts[slot] = 0;
      }
      for (int stripe = 0; stripe < STRIPES; stripe++) flush(stripe);
    }

    private void flush(int stripe) {
      int end = used[stripe];
      if (end == 0) return;
      byte[] buffer = buffers[stripe];
      Stripe s = stripes[stripe];
      synchronized (s) {
        for (int at = 0; at < end; ) {
          long hash = (long) LONGS.get(buffer, at);
          int length = (int) INTS.get(buffer, at + Long.BYTES);
          int count = (int) INTS.get(buffer, at + Long.BYTES + Integer.BYTES);
          at += HEADER;
          s.add(buffer, at, at + length, hash, count);
          at += length;
        }
      }
      used[stripe] = 0;
    }
  }
}
