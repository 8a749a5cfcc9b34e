package dev.toksmith.core.models;

/**
 * The ids a model gave byte pieces, kept in a bounded direct-mapped table that threads share without
 * locks: entries are immutable, so a reader sees either some complete entry or null, and a newer piece
 * simply takes over its slot (text whose words keep changing, a corpus in many languages, keeps the
 * recent ones rather than filling up with the first ones once and for all).
 */
public final class PieceCache {
  /** Pieces longer than this are not cached: rare, and costly to key. */
  public static final int MAX_PIECE_LENGTH = 128;

  private final Entry[] slots;
  private final int mask;

  /** A piece: its hash, its bytes (zero-padded to whole words), its length and its ids. */
  private record Entry(long hash, byte[] key, int length, int[] ids) {}

  /** A cache of {@code slots} entries, a power of two. */
  public PieceCache(int slots) {
    if (Integer.bitCount(slots) != 1) throw new IllegalArgumentException("slots must be a power of two: " + slots);
    this.slots = new Entry[slots];
    this.mask = slots - 1;
  }

  private int slotOf(long hash) {
    return (int) (hash >>> 40) & mask;
  }

  /** The ids of {@code bytes[from, from + length)}, whose {@link ByteTokenTable#hash} is {@code hash}, or null. */
  public int[] get(byte[] bytes, int from, int length, long hash) {
    Entry e = slots[slotOf(hash)];
    return e != null && e.hash == hash && e.length == length && ByteTokenTable.sameBytes(e.key, 0, bytes, from, length) ? e.ids : null;
  }

  /** Keeps the ids of a piece of at most {@link #MAX_PIECE_LENGTH} bytes; {@code ids} must not change afterwards. */
  public void put(byte[] bytes, int from, int length, long hash, int[] ids) {
    byte[] key = new byte[(length + Long.BYTES - 1) & -Long.BYTES];
    System.arraycopy(bytes, from, key, 0, length);
    slots[slotOf(hash)] = new Entry(hash, key, length, ids);
  }
}
