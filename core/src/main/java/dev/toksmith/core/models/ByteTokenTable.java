package dev.toksmith.core.models;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Tokens as byte strings, by id, with the id of any byte range found by hashing it straight from the
 * caller's buffer, eight bytes at a time: an open-addressing table whose slots hold each token's first
 * eight bytes, so that most lookups touch one cache line. One- and two-byte strings index arrays
 * directly. Immutable and thread-safe.
 */
public final class ByteTokenTable {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Every token's bytes, by id, followed by eight zero bytes so that words can be read whole. */
  private final byte[] data;
  /** Start of each id's bytes in {@link #data}; an id without token has length -1. */
  private final int[] starts;
  private final int[] lengths;
  /**
   * Two longs per slot: the token's first eight bytes (little-endian, zero-padded), then its id in the
   * low half and in the high half a tag (hash bits and the length, at most 255), never 0, so that an
   * empty slot is a zero tag.
   */
  private final long[] table;
  private final int mask;
  private final int size;
  private final int[] byteIds = new int[256];
  /** Id of each two-byte string ({@code first << 8 | second}), -1 when it is no token. */
  private final int[] pairIds = new int[1 << 16];

  /**
   * Builds the table from every token's bytes laid end to end in id order and the length of each id's
   * token (-1 for an id that has none).
   *
   * @param idNoun what ids are called in messages ("id", "rank")
   * @throws IllegalArgumentException if a token is empty, two ids share bytes, or the lengths do not
   *     add up to the bytes given; the message names the ids
   */
  public ByteTokenTable(byte[] tokenBytes, int[] lengthsById, String idNoun) {
    this(tokenBytes, lengthsById, idNoun, null);
  }

  /**
   * The table of {@code tokenBytes} and {@code lengthsById} (as {@link #ByteTokenTable(byte[], int[],
   * String)} takes them) whose slots another table of the same tokens gave ({@link #slots()}, a cached
   * form): no token is hashed. Only checked to stay within bounds; slots of other tokens give wrong ids.
   *
   * @throws IllegalArgumentException if a token is empty, the lengths do not add up to the bytes given,
   *     or the slots are no table of this many ids
   */
  public static ByteTokenTable ofSlots(byte[] tokenBytes, int[] lengthsById, long[] slots) {
    return new ByteTokenTable(tokenBytes, lengthsById, "id", slots);
  }

  /** {@code slots} null: the tokens hashed into a new table; else that table, checked to stay in bounds. */
  private ByteTokenTable(byte[] tokenBytes, int[] lengthsById, String idNoun, long[] slots) {
    long total = 0;
    int count = 0;
    starts = new int[lengthsById.length];
    for (int id = 0; id < lengthsById.length; id++) {
      int length = lengthsById[id];
      if (length == 0) throw new IllegalArgumentException(idNoun + " " + id + " has an empty token");
      if (length < 0) continue;
      starts[id] = (int) total; // in range once the total checks out below
      total += length;
      count++;
    }
    if (total != tokenBytes.length) throw new IllegalArgumentException("the token lengths add up to " + total + " bytes, not " + tokenBytes.length);
    size = count;
    data = Arrays.copyOf(tokenBytes, tokenBytes.length + Long.BYTES);
    lengths = lengthsById.clone();
    if (slots == null) {
      int capacity = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
      table = new long[capacity * 2];
      mask = capacity - 1;
      for (int id = 0; id < lengths.length; id++) {
        if (lengths[id] < 0) continue;
        int other = insert(starts[id], lengths[id], id);
        if (other >= 0) throw new IllegalArgumentException(idNoun + "s " + other + " and " + id + " have the same bytes");
      }
    } else {
      int capacity = slots.length / 2;
      if (Integer.bitCount(capacity) != 1 || slots.length != 2 * capacity || capacity < count) throw new IllegalArgumentException("no table of " + count + " tokens");
      int filled = 0;
      for (int slot = 1; slot < slots.length; slot += 2) {
        if (slots[slot] == 0) continue;
        int id = (int) slots[slot];
        if (id < 0 || id >= lengths.length || lengths[id] < 0) throw new IllegalArgumentException("a slot of no id");
        filled++;
      }
      if (filled != count) throw new IllegalArgumentException("the slots hold " + filled + " tokens, not " + count);
      table = slots;
      mask = capacity - 1;
    }
    Arrays.fill(byteIds, -1);
    Arrays.fill(pairIds, -1);
    for (int id = 0; id < lengths.length; id++) {
      int at = starts[id];
      if (lengths[id] == 1) byteIds[data[at] & 0xFF] = id;
      if (lengths[id] == 2) pairIds[((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF)] = id;
    }
  }

  /**
   * The hash table's slots, two longs each (the token's first eight bytes; its id and tag), for {@link
   * #ofSlots}; the table's own array, not to be changed.
   */
  public long[] slots() {
    return table;
  }

  /** The table of the tokens {@code tokensById} (null for an id that has none); see {@link #ByteTokenTable(byte[], int[], String)}. */
  public static ByteTokenTable of(byte[][] tokensById, String idNoun) {
    int total = 0;
    int[] lengths = new int[tokensById.length];
    for (int id = 0; id < tokensById.length; id++) {
      lengths[id] = tokensById[id] == null ? -1 : tokensById[id].length;
      total += Math.max(0, lengths[id]);
    }
    byte[] all = new byte[total];
    int at = 0;
    for (byte[] token : tokensById) {
      if (token == null) continue;
      System.arraycopy(token, 0, all, at, token.length);
      at += token.length;
    }
    return new ByteTokenTable(all, lengths, idNoun);
  }

  /** Number of tokens. */
  public int size() {
    return size;
  }

  /** Largest id plus one. */
  public int idBound() {
    return starts.length;
  }

  /** Length in bytes of an id's token, or -1 when the id has none. */
  public int length(int id) {
    return id < 0 || id >= lengths.length ? -1 : lengths[id];
  }

  /** The bytes of an id's token (a copy), or null when the id has none. */
  public byte[] bytes(int id) {
    if (id < 0 || id >= starts.length || lengths[id] < 0) return null;
    return Arrays.copyOfRange(data, starts[id], starts[id] + lengths[id]);
  }

  /** Writes the bytes of an id's token to {@code out}; false (writing nothing) when the id has none. */
  public boolean write(int id, java.io.OutputStream out) throws java.io.IOException {
    if (id < 0 || id >= starts.length || lengths[id] < 0) return false;
    out.write(data, starts[id], lengths[id]);
    return true;
  }

  /** The id of the single byte {@code b} (0..255), or -1. */
  public int byteId(int b) {
    return byteIds[b];
  }

  /** The id of the two bytes {@code first << 8 | second}, or -1. */
  public int pairId(int twoBytes) {
    return pairIds[twoBytes];
  }

  /** The id of {@code bytes[from, to)}, or -1 when those bytes are no token. */
  public int id(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length == 1) return byteIds[bytes[from] & 0xFF];
    if (length == 2) return pairIds[((bytes[from] & 0xFF) << 8) | (bytes[from + 1] & 0xFF)];
    if (length <= 0) return -1;
    long first = firstWord(bytes, from, length);
    return id(bytes, from, length, first, hash(bytes, from, length, first));
  }

  /** The id of {@code bytes[from, from + length)} given its {@link #firstWord} and {@link #hash}, or -1. */
  public int id(byte[] bytes, int from, int length, long first, long hash) {
    long meta = table[2 * slotOf(bytes, from, length, first, hash) + 1];
    return meta == 0 ? -1 : (int) meta;
  }

  /** The first (up to) eight bytes of {@code bytes[from, from + length)} as a little-endian long, zero-padded. */
  public static long firstWord(byte[] bytes, int from, int length) {
    return word(bytes, from, Math.min(length, Long.BYTES));
  }

  /**
   * The {@code n} bytes ({@code 1 <= n <= 8}) at {@code at} as a little-endian long, zero-padded. Reads
   * one whole word when the array has room for it.
   */
  static long word(byte[] bytes, int at, int n) {
    if (at + Long.BYTES <= bytes.length) {
      long w = (long) LONGS.get(bytes, at);
      return n >= Long.BYTES ? w : w & ((1L << (n << 3)) - 1);
    }
    long w = 0;
    for (int i = n - 1; i >= 0; i--) w = (w << 8) | (bytes[at + i] & 0xFF);
    return w;
  }

  /** A well-mixed hash of {@code bytes[from, from + length)} whose first word is {@code first}. */
  public static long hash(byte[] bytes, int from, int length, long first) {
    long h = first * 0x9E3779B97F4A7C15L + length;
    for (int i = Long.BYTES; i < length; i += Long.BYTES) h = (h ^ word(bytes, from + i, Math.min(Long.BYTES, length - i))) * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    return h ^ (h >>> 33);
  }

  /** Whether {@code a[aFrom, aFrom + length)} and {@code b[bFrom, bFrom + length)} hold the same bytes. */
  static boolean sameBytes(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
    for (int i = 0; i < length; i += Long.BYTES) {
      int n = Math.min(Long.BYTES, length - i);
      if (word(a, aFrom + i, n) != word(b, bFrom + i, n)) return false;
    }
    return true;
  }

  /** A slot's tag: hash bits the slot index does not use, and the length (capped at 255); never 0. */
  private static long tag(long hash, int length) {
    return (hash & 0xFFFFFF0000000000L) | ((long) Math.min(length, 255) << 32);
  }

  /** The slot holding {@code bytes[from, from + length)}, or the empty slot where it would go. */
  private int slotOf(byte[] bytes, int from, int length, long first, long hash) {
    long tag = tag(hash, length);
    int slot = (int) hash & mask;
    while (true) {
      long meta = table[2 * slot + 1];
      if (meta == 0) return slot;
      if ((meta & 0xFFFFFFFF00000000L) == tag && table[2 * slot] == first && (length <= Long.BYTES || tailEquals((int) meta, bytes, from, length))) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Whether the bytes after the first word of a token of {@code length} bytes equal those of the id's token. */
  private boolean tailEquals(int id, byte[] bytes, int from, int length) {
    return lengths[id] == length && sameBytes(data, starts[id] + Long.BYTES, bytes, from + Long.BYTES, length - Long.BYTES);
  }

  /**
   * Adds the token of {@code id}, whose bytes are at {@code data[start, start + length)}; returns -1,
   * or the id that has those bytes already (and then adds nothing). One probe does both.
   */
  private int insert(int start, int length, int id) {
    long first = firstWord(data, start, length);
    long hash = hash(data, start, length, first);
    int slot = slotOf(data, start, length, first, hash);
    if (table[2 * slot + 1] != 0) return (int) table[2 * slot + 1];
    table[2 * slot] = first;
    table[2 * slot + 1] = tag(hash, length) | (id & 0xFFFFFFFFL);
    return -1;
  }
}
