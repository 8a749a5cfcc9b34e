package dev.toksmith.core.compiled;

/**
 * The ids of words already encoded, keyed by their characters: a direct-mapped table that threads
 * share without locks. Entries are immutable, so a reader sees either a whole entry or none; two
 * threads racing on a slot only cost a miss.
 */
final class WordCache {
  /** Words of up to this many UTF-16 units are cached; longer ones are rare and costly to key. */
  static final int LONGEST_WORD = 64;
  private static final int SLOTS = 1 << 16;

  private record Entry(int hash, char[] word, int[] ids) {}

  private final Entry[] entries = new Entry[SLOTS];

  /** The hash of {@code chars[from, to)} that {@link #get} and {@link #put} take. */
  static int hash(char[] chars, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) h = 31 * h + chars[i];
    h *= 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  /** The ids of the word {@code chars[from, to)} of hash {@code hash}, or null. */
  int[] get(char[] chars, int from, int to, int hash) {
    Entry e = entries[hash & (SLOTS - 1)];
    if (e == null || e.hash != hash || e.word.length != to - from) return null;
    char[] word = e.word;
    for (int i = 0; i < word.length; i++) if (word[i] != chars[from + i]) return null;
    return e.ids;
  }

  void put(char[] chars, int from, int to, int hash, int[] ids) {
    entries[hash & (SLOTS - 1)] = new Entry(hash, java.util.Arrays.copyOfRange(chars, from, to), ids);
  }
}
