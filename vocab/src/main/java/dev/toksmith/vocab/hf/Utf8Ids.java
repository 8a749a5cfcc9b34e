package dev.toksmith.vocab.hf;

import dev.toksmith.core.models.ByteTokenTable;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Token ids by the UTF-8 bytes of the token, so that a BPE file's merges are resolved straight from
 * the bytes of the file, without a string per merge. A token put again takes its new id, as in a map.
 */
final class Utf8Ids {
  private byte[] arena = new byte[1 << 16];
  private int used;
  private int[] starts = new int[1024];
  private int[] lengths = new int[1024];
  private int[] ids = new int[1024];
  private long[] hashes = new long[1024];
  private int count;
  /**
   * Open addressing over entries: the entry index plus one in the low half, 0 when empty, and the
   * hash's high half above, so that most probes of other tokens end without reading the entry.
   */
  private long[] slots = new long[4096];

  int size() {
    return count;
  }

  void put(String token, int id) {
    byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
    put(utf8, 0, utf8.length, id);
  }

  void put(byte[] bytes, int from, int length, int id) {
    long hash = ByteTokenTable.hash(bytes, from, length, ByteTokenTable.firstWord(bytes, from, length));
    int slot = find(bytes, from, length, hash);
    if (slots[slot] != 0) {
      ids[(int) slots[slot] - 1] = id;
      return;
    }
    if (count == ids.length) {
      int capacity = count * 2;
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      ids = Arrays.copyOf(ids, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
    }
    if (used + length + Long.BYTES > arena.length) arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + length + Long.BYTES));
    System.arraycopy(bytes, from, arena, used, length);
    starts[count] = used;
    lengths[count] = length;
    ids[count] = id;
    hashes[count] = hash;
    used += length;
    slots[slot] = (hash & 0xFFFFFFFF00000000L) | ++count;
    if (count * 2 > slots.length) rehash();
  }

  /** The id of the token whose UTF-8 is {@code bytes[from, from + length)}, or -1. */
  int get(byte[] bytes, int from, int length) {
    long hash = ByteTokenTable.hash(bytes, from, length, ByteTokenTable.firstWord(bytes, from, length));
    int entry = (int) slots[find(bytes, from, length, hash)];
    return entry == 0 ? -1 : ids[entry - 1];
  }

  private int find(byte[] bytes, int from, int length, long hash) {
    int mask = slots.length - 1;
    int slot = (int) hash & mask;
    long tag = hash & 0xFFFFFFFF00000000L;
    while (true) {
      long entry = slots[slot];
      if (entry == 0) return slot;
      if ((entry & 0xFFFFFFFF00000000L) == tag) {
        int e = (int) entry - 1;
        if (lengths[e] == length && Arrays.equals(arena, starts[e], starts[e] + length, bytes, from, from + length)) return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void rehash() {
    slots = new long[slots.length * 2];
    int mask = slots.length - 1;
    for (int e = 0; e < count; e++) {
      int slot = (int) hashes[e] & mask;
      while (slots[slot] != 0) slot = (slot + 1) & mask;
      slots[slot] = (hashes[e] & 0xFFFFFFFF00000000L) | (e + 1);
    }
  }

  /**
   * Token to id as strings, in a map of the right size (a token put twice is there once, with its
   * last id).
   */
  Object2IntOpenHashMap<String> toMap() {
    Object2IntOpenHashMap<String> map = new Object2IntOpenHashMap<>(count);
    map.defaultReturnValue(-1);
    for (int e = 0; e < count; e++) map.put(new String(arena, starts[e], lengths[e], StandardCharsets.UTF_8), ids[e]);
    return map;
  }
}
