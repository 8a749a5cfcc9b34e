package dev.toksmith.core.models;

import dev.toksmith.core.concurrent.Alongside;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Counts words by their bytes, for training: an open-addressing table whose slots hold a word's
 * first 16 bytes and its count, so that counting a short word (most are) reads one slot and nothing
 * else; longer words keep their bytes in a side array. Memory grows with the distinct words, never
 * with how often they occur, and counting allocates nothing once the table has grown. Not
 * thread-safe: count with one instance per thread, then combine them with {@link #addAll}.
 */
public final class WordCounter {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** Longs per slot: hash and length (0 when free), bytes 0-7, bytes 8-15 or where longer words start in {@link #longWords}, count. */
  private static final int SLOT = 4;
  private static final int INLINE_BYTES = 16;
  private static final int MIN_SLOTS = 1 << 10;

  private long[] table = new long[SLOT * MIN_SLOTS];
  private int mask = MIN_SLOTS - 1;
  private int size;
  private byte[] longWords = new byte[1 << 12];
  private int longWordBytes;
  private byte[] scratch = new byte[Utf8.maxBytes(64)];

  /** Receives the counted words, each as a range of a byte array that must not be kept. */
  @FunctionalInterface
  public interface WordVisitor {
    void word(byte[] bytes, int from, int to, long count);
  }

  /** Counts one occurrence of the word whose bytes are the UTF-8 (WTF-8, see {@link Utf8}) of {@code s[from, to)}. */
  public void add(CharSequence s, int from, int to) {
    int max = Utf8.maxBytes(to - from);
    if (scratch.length < max) scratch = new byte[Math.max(max, scratch.length * 2)];
    int length = Utf8.encode(s, from, to, false, scratch, 0, null);
    add(scratch, 0, length, 1);
  }

  /** Adds {@code count} occurrences of the word {@code word[from, to)}. */
  public void add(byte[] word, int from, int to, long count) {
    int length = to - from;
    long head = bytesAt(word, from, length, 0);
    long tail = bytesAt(word, from, length, 8);
    long meta = (long) (hash(word, from, length, head, tail) | 1) << 32 | length;
    long[] t = table;
    for (int slot = slotOf(meta); ; slot = (slot + 1) & mask) {
      int at = slot * SLOT;
      long m = t[at];
      if (m == 0) {
        insert(at, meta, head, tail, word, from, length, count);
        return;
      }
      if (m == meta && t[at + 1] == head && (length <= INLINE_BYTES ? t[at + 2] == tail : sameLongWord((int) t[at + 2], word, from, length))) {
        t[at + 3] += count;
        return;
      }
    }
  }

  /** Adds every word that {@code other} counted, with its count. */
  public void addAll(WordCounter other) {
    other.forEach(this::add);
  }

  /** Distinct words counted. */
  public int size() {
    return size;
  }

  /** Visits every distinct word once, in no particular order. */
  public void forEach(WordVisitor visitor) {
    forEach(0, 1, visitor);
  }

  /**
   * Visits the words of one of {@code parts} parts of the table, in no particular order: each word is
   * in exactly one part, so that parts can be visited on threads of their own.
   */
  public void forEach(int part, int parts, WordVisitor visitor) {
    int slots = table.length / SLOT;
    int from = (int) ((long) slots * part / parts) * SLOT;
    int to = (int) ((long) slots * (part + 1) / parts) * SLOT;
    byte[] inline = new byte[INLINE_BYTES];
    for (int at = from; at < to; at += SLOT) if (table[at] != 0) visit(at, inline, visitor);
  }

  /**
   * Visits every distinct word once, in the unsigned byte order of the words (which is the code
   * point order of their text), so that what a visitor sees depends only on which words were
   * counted how often, never on the order in which they were added or counters were combined.
   */
  public void forEachInByteOrder(WordVisitor visitor) {
    forEachInByteOrder(visitor, false);
  }

  /**
   * {@link #forEachInByteOrder(WordVisitor)}, the sorting shared with a second thread when {@code
   * twoThreads}: the words are parted by their first eight bytes into two runs of about the same
   * size, and the second run is sorted while the first is sorted and visited. The order is the same; the
   * visitor is called on this thread only.
   */
  public void forEachInByteOrder(WordVisitor visitor, boolean twoThreads) {
    long[] keys = new long[size];
    long[] slots = new long[size];
    int n = 0;
    for (int at = 0; at < table.length; at += SLOT) {
      if (table[at] != 0) slots[n++] = (long) (int) table[at] << 32 | at; // length, slot
    }
    int words = n;
    fillKeys(0, keys, slots, 0, n);
    int middle = twoThreads ? partByKey(keys, slots, n) : n;
    byte[] inline = new byte[INLINE_BYTES];
    Alongside.run(middle > 0 && middle < n, () -> {
      sortFilled(0, keys, slots, 0, middle);
      for (int i = 0; i < middle; i++) visit((int) slots[i], inline, visitor);
    }, () -> sortFilled(0, keys, slots, middle, words));
    for (int i = middle; i < n; i++) visit((int) slots[i], inline, visitor);
  }

  /**
   * Reorders {@code slots[0, n)} and their keys (filled from offset 0) so that the words whose key is
   * below a pivot come first, and returns how many do. The pivot is the median of an evenly spaced
   * sample, so that the two runs are about the same size; words that share a key fall on one side.
   */
  private static int partByKey(long[] keys, long[] slots, int n) {
    long[] sample = new long[Math.min(n, 1024)];
    for (int i = 0; i < sample.length; i++) sample[i] = keys[(int) ((long) i * n / sample.length)];
    Arrays.sort(sample);
    long pivot = sample.length == 0 ? 0 : sample[sample.length / 2];
    int first = 0;
    for (int i = 0; i < n; i++) {
      if (keys[i] < pivot) {
        long slot = slots[i];
        slots[i] = slots[first];
        slots[first] = slot;
        long key = keys[i];
        keys[i] = keys[first];
        keys[first++] = key;
      }
    }
    return first;
  }

  /**
   * Sorts {@code slots[from, to)}, whose words share their first {@code offset} bytes, in byte order:
   * radix-sorted by the next eight bytes (zero beyond a word's end) and then the length, which orders
   * the words that end within those bytes (a prefix is shorter); each run that shares the eight bytes
   * and holds a longer word is sorted the same way from eight bytes further on.
   */
  private void sortFrom(int offset, long[] keys, long[] slots, int from, int to) {
    fillKeys(offset, keys, slots, from, to);
    sortFilled(offset, keys, slots, from, to);
  }

  /** {@link #sortFrom} with the keys filled. */
  private void sortFilled(int offset, long[] keys, long[] slots, int from, int to) {
    LongArrays.radixSort(keys, slots, from, to);
    for (int start = from, end; start < to; start = end) {
      for (end = start + 1; end < to && keys[end] == keys[start]; ) end++;
      if (end - start > 1 && slots[end - 1] >>> 32 > offset + Long.BYTES) sortFrom(offset + Long.BYTES, keys, slots, start, end);
    }
  }

  /** Sets each key of {@code slots[from, to)} to its word's bytes {@code offset..offset+7}, as signed longs that order as the bytes do. */
  private void fillKeys(int offset, long[] keys, long[] slots, int from, int to) {
    for (int i = from; i < to; i++) keys[i] = bytesFrom((int) slots[i], offset) ^ Long.MIN_VALUE; // unsigned order as signed
  }

  /** Bytes {@code offset..offset+7} of the word in slot {@code at}, zero beyond its end, big-endian. */
  private long bytesFrom(int at, int offset) {
    int length = (int) table[at];
    if (length > INLINE_BYTES) return Long.reverseBytes(bytesAt(longWords, (int) table[at + 2], length, offset));
    return offset < INLINE_BYTES ? Long.reverseBytes(table[at + 1 + offset / Long.BYTES]) : 0;
  }

  private void visit(int at, byte[] inline, WordVisitor visitor) {
    int length = (int) table[at];
    if (length <= INLINE_BYTES) {
      LONGS.set(inline, 0, table[at + 1]);
      LONGS.set(inline, 8, table[at + 2]);
      visitor.word(inline, 0, length, table[at + 3]);
    } else {
      int start = (int) table[at + 2];
      visitor.word(longWords, start, start + length, table[at + 3]);
    }
  }

  private void insert(int at, long meta, long head, long tail, byte[] word, int from, int length, long count) {
    table[at] = meta;
    table[at + 1] = head;
    if (length <= INLINE_BYTES) {
      table[at + 2] = tail;
    } else {
      if (longWordBytes + length > longWords.length) longWords = Arrays.copyOf(longWords, Math.max(longWordBytes + length, longWords.length * 2));
      System.arraycopy(word, from, longWords, longWordBytes, length);
      table[at + 2] = longWordBytes;
      longWordBytes += length;
    }
    table[at + 3] = count;
    if (++size * 3L > (mask + 1) * 2L) grow();
  }

  private boolean sameLongWord(int start, byte[] word, int from, int length) {
    return Arrays.equals(longWords, start, start + length, word, from, from + length);
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    mask = table.length / SLOT - 1;
    for (int at = 0; at < old.length; at += SLOT) {
      long meta = old[at];
      if (meta == 0) continue;
      int slot = slotOf(meta);
      while (table[slot * SLOT] != 0) slot = (slot + 1) & mask;
      System.arraycopy(old, at, table, slot * SLOT, SLOT);
    }
  }

  /** The first slot to try; the hash's lowest bit is always set in {@code meta}, so it is left out. */
  private int slotOf(long meta) {
    return (int) (meta >>> 33) & mask;
  }

  /** Bytes {@code offset..offset+7} of the word (those that exist, zero beyond), little-endian. */
  private static long bytesAt(byte[] word, int from, int length, int offset) {
    int available = length - offset;
    if (available <= 0) return 0;
    int start = from + offset;
    if (start + Long.BYTES <= word.length) {
      long v = (long) LONGS.get(word, start);
      return available >= Long.BYTES ? v : v & (-1L >>> (Long.SIZE - 8 * available));
    }
    long v = 0;
    for (int i = Math.min(available, Long.BYTES) - 1; i >= 0; i--) v = v << 8 | (word[start + i] & 0xFF);
    return v;
  }

  /** A well-mixed hash of the word, eight bytes at a time. */
  private static int hash(byte[] word, int from, int length, long head, long tail) {
    long h = length * 0x9E3779B97F4A7C15L ^ head;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= tail;
    for (int offset = INLINE_BYTES; offset < length; offset += Long.BYTES) {
      h = (h ^ h >>> 31) * 0x94D049BB133111EBL ^ bytesAt(word, from, length, offset);
    }
    h = (h ^ h >>> 30) * 0xBF58476D1CE4E5B9L;
    h = (h ^ h >>> 27) * 0x94D049BB133111EBL;
    return (int) (h ^ h >>> 31);
  }
}
