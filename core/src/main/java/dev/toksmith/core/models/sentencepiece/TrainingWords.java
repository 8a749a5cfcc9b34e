package dev.toksmith.core.models.sentencepiece;

import dev.toksmith.core.models.bpe.WordCounter;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;

/**
 * The counted words, ready for training, after SentencePiece's character coverage: the characters
 * are ranked by count (descending, then code point), the most frequent are kept until they cover
 * {@code character_coverage} of all occurrences (the comparison in single precision, as SentencePiece
 * makes it), and every other character becomes the unknown character {@code ▅}. Characters are
 * numbered by that rank ({@link #unknownId()} after the kept ones); words are sequences of those ids,
 * ordered as SentencePiece orders its split sentences: count descending, then the words' code points.
 *
 * <p>The (word, next character) keys stay too, for the Unigram seed.
 */
public final class TrainingWords {
  private final int[] codePoints;
  private final long[] charCounts;
  private final long allCharacters;
  private final long coveredCharacters;
  private final int[] chars;
  private final int[] starts;
  private final long[] counts;
  private final int[] keyWords;
  private final int[] keyNext;
  private final long[] keyCounts;

  private TrainingWords(int[] codePoints, long[] charCounts, long allCharacters, long coveredCharacters, int[] chars, int[] starts, long[] counts,
      int[] keyWords, int[] keyNext, long[] keyCounts) {
    this.codePoints = codePoints;
    this.charCounts = charCounts;
    this.allCharacters = allCharacters;
    this.coveredCharacters = coveredCharacters;
    this.chars = chars;
    this.starts = starts;
    this.counts = counts;
    this.keyWords = keyWords;
    this.keyNext = keyNext;
    this.keyCounts = keyCounts;
  }

  /** Kept characters; their ids are 0..size-1, and the unknown character's id is this size. */
  public int alphabetSize() {
    return codePoints.length - 1;
  }

  /** The id every dropped character has. */
  public int unknownId() {
    return codePoints.length - 1;
  }

  public int codePoint(int charId) {
    return codePoints[charId];
  }

  /** How often a kept character occurs. */
  public long charCount(int charId) {
    return charCounts[charId];
  }

  /** Character occurrences counted for coverage (tabs included, as SentencePiece counts them). */
  public long allCharacters() {
    return allCharacters;
  }

  /** Occurrences covered by the characters ranked up to the last kept one. */
  public long coveredCharacters() {
    return coveredCharacters;
  }

  /** Distinct words. */
  public int size() {
    return counts.length;
  }

  /** Every word's character ids, one after the other: word {@code w} is {@code chars()[start(w)..start(w + 1))}. */
  public int[] chars() {
    return chars;
  }

  public int start(int word) {
    return starts[word];
  }

  public long count(int word) {
    return counts[word];
  }

  /** Distinct (word, next character) keys. */
  public int keys() {
    return keyCounts.length;
  }

  public int keyWord(int key) {
    return keyWords[key];
  }

  /** The id of the character after the key's word, or -1 at the end of its sentence. */
  public int keyNext(int key) {
    return keyNext[key];
  }

  public long keyCount(int key) {
    return keyCounts[key];
  }

  /** The word's text, with {@code ▅} for dropped characters. */
  public String text(int word) {
    StringBuilder s = new StringBuilder();
    for (int i = starts[word]; i < starts[word + 1]; i++) s.appendCodePoint(codePoints[chars[i]]);
    return s.toString();
  }

  /**
   * Ranks the characters of the counted words, drops the rare ones and numbers the rest.
   *
   * @param coverage the share of occurrences to cover, compared in single precision
   */
  public static TrainingWords of(SentenceCounter counter, float coverage) {
    Decoded decoded = Decoded.of(counter.counter());
    // Character counts: every valid code point except NUL (and spaces, which normalization escaped).
    Int2LongOpenHashMap charCount = new Int2LongOpenHashMap();
    long all = 0;
    for (int k = 0; k < decoded.keys; k++) {
      long count = decoded.keyCounts[k];
      for (int i = decoded.starts[k]; i < decoded.starts[k + 1]; i++) {
        int cp = decoded.codePoints[i];
        if (!isValidCodePoint(cp) || cp == 0) continue;
        charCount.addTo(cp, count);
        all += count;
      }
    }
    int[] ranked = charCount.keySet().toIntArray();
    IntArrays.quickSort(ranked, (a, b) -> {
      int byCount = Long.compare(charCount.get(b), charCount.get(a));
      return byCount != 0 ? byCount : Integer.compare(a, b);
    });
    int kept = 0;
    long accumulated = 0;
    Int2IntOpenHashMap keptIds = new Int2IntOpenHashMap();
    keptIds.defaultReturnValue(-1);
    int[] keptCodePoints = new int[ranked.length + 1];
    long[] keptCounts = new long[ranked.length];
    for (int cp : ranked) {
      float share = (float) (1.0 * accumulated / all);
      if (share >= coverage) break;
      accumulated += charCount.get(cp);
      if (cp == SentenceCounter.BOUNDARY) continue;
      keptIds.put(cp, kept);
      keptCodePoints[kept] = cp;
      keptCounts[kept] = charCount.get(cp);
      kept++;
    }
    int unknown = kept;
    keptCodePoints[unknown] = SentenceCounter.UNKNOWN;
    int[] codePoints = Arrays.copyOf(keptCodePoints, kept + 1);
    long[] counts = Arrays.copyOf(keptCounts, kept);

    // Words and keys in character ids; words that differed only in dropped characters become one.
    WordTable table = new WordTable(decoded.codePoints.length);
    Long2IntOpenHashMap keyIndex = new Long2IntOpenHashMap();
    keyIndex.defaultReturnValue(-1);
    int[] keyWords = new int[decoded.keys];
    int[] keyNext = new int[decoded.keys];
    long[] keyCounts = new long[decoded.keys];
    int keys = 0;
    int[] word = new int[16];
    for (int k = 0; k < decoded.keys; k++) {
      int length = decoded.starts[k + 1] - decoded.starts[k];
      if (word.length < length) word = new int[Math.max(length, 2 * word.length)];
      for (int i = 0; i < length; i++) word[i] = idOrUnknown(keptIds, decoded.codePoints[decoded.starts[k] + i], unknown);
      int w = table.add(word, length, decoded.keyCounts[k]);
      int next = decoded.next[k] == SentenceCounter.END ? -1 : idOrUnknown(keptIds, decoded.next[k], unknown);
      long packed = (long) w << 32 | (next + 1);
      int key = keyIndex.putIfAbsent(packed, keys);
      if (key < 0) {
        keyWords[keys] = w;
        keyNext[keys] = next;
        keyCounts[keys] = decoded.keyCounts[k];
        keys++;
      } else {
        keyCounts[key] += decoded.keyCounts[k];
      }
    }
    // SentencePiece's order of split sentences: count descending, then the text.
    int[] order = new int[table.size];
    for (int w = 0; w < order.length; w++) order[w] = w;
    IntArrays.parallelQuickSort(order, (a, b) -> {
      int byCount = Long.compare(table.counts[b], table.counts[a]);
      return byCount != 0 ? byCount : table.compare(a, b, codePoints);
    });
    int[] rank = new int[order.length];
    int[] chars = new int[table.used];
    int[] starts = new int[order.length + 1];
    long[] wordCounts = new long[order.length];
    int at = 0;
    for (int r = 0; r < order.length; r++) {
      int w = order[r];
      rank[w] = r;
      starts[r] = at;
      System.arraycopy(table.data, table.starts[w], chars, at, table.starts[w + 1] - table.starts[w]);
      at += table.starts[w + 1] - table.starts[w];
      wordCounts[r] = table.counts[w];
    }
    starts[order.length] = at;
    for (int k = 0; k < keys; k++) keyWords[k] = rank[keyWords[k]];
    return new TrainingWords(codePoints, counts, all, accumulated, chars, starts, wordCounts, Arrays.copyOf(keyWords, keys), Arrays.copyOf(keyNext, keys),
        Arrays.copyOf(keyCounts, keys));
  }

  private static int idOrUnknown(Int2IntOpenHashMap ids, int cp, int unknown) {
    int id = ids.get(cp);
    return id < 0 ? unknown : id;
  }

  /** SentencePiece's {@code IsValidCodepoint}: a Unicode scalar value. */
  static boolean isValidCodePoint(int cp) {
    return cp >= 0 && (cp < 0xD800 || (cp >= 0xE000 && cp <= 0x10FFFF));
  }

  /** The counter's keys decoded: next character and word code points, with counts. */
  private record Decoded(int keys, int[] next, int[] starts, int[] codePoints, long[] keyCounts) {
    static Decoded of(WordCounter counter) {
      int keys = counter.size();
      int[] next = new int[keys];
      int[] starts = new int[keys + 1];
      long[] keyCounts = new long[keys];
      int[][] codePoints = {new int[1 << 16]};
      int[] filled = {0, 0};
      counter.forEach((bytes, from, to, count) -> {
        int k = filled[0]++;
        int at = from;
        if (bytes[at] == (byte) 0xFF) {
          next[k] = SentenceCounter.END;
          at++;
        } else {
          long cp = decodeOne(bytes, at, to);
          next[k] = (int) cp;
          at += (int) (cp >>> 32);
        }
        int used = filled[1];
        if (codePoints[0].length < used + (to - at)) codePoints[0] = Arrays.copyOf(codePoints[0], Math.max(used + (to - at), 2 * codePoints[0].length));
        while (at < to) {
          long cp = decodeOne(bytes, at, to);
          codePoints[0][used++] = (int) cp;
          at += (int) (cp >>> 32);
        }
        filled[1] = used;
        keyCounts[k] = count;
        starts[k + 1] = used;
      });
      return new Decoded(keys, next, starts, Arrays.copyOf(codePoints[0], filled[1]), keyCounts);
    }

    /**
     * The code point at {@code at} (generalized UTF-8: an encoded lone surrogate is that surrogate),
     * with its length in bytes shifted left by 32; a byte that starts no sequence stands for itself.
     */
    private static long decodeOne(byte[] bytes, int at, int to) {
      int lead = bytes[at] & 0xFF;
      int length = lead < 0x80 ? 1 : lead >= 0xC0 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xF0 && lead < 0xF8 ? 4 : 1;
      if (at + length > to) length = 1;
      if (length == 1) return 1L << 32 | lead;
      int cp = lead & (0x7F >> length);
      for (int i = 1; i < length; i++) cp = cp << 6 | (bytes[at + i] & 0x3F);
      return (long) length << 32 | cp;
    }
  }

  /** Distinct int sequences with summed counts, in one flat array. */
  private static final class WordTable {
    int[] data;
    int used;
    int[] starts = new int[1 << 10];
    long[] counts = new long[1 << 10];
    int size;
    private int[] slots = new int[1 << 11];

    WordTable(int capacity) {
      data = new int[Math.max(16, capacity)];
    }

    int add(int[] word, int length, long count) {
      int hash = hash(word, length);
      int mask = slots.length - 1;
      for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
        int entry = slots[slot] - 1;
        if (entry < 0) {
          entry = size++;
          if (entry + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
            counts = Arrays.copyOf(counts, 2 * counts.length);
          }
          if (data.length < used + length) data = Arrays.copyOf(data, Math.max(used + length, 2 * data.length));
          System.arraycopy(word, 0, data, used, length);
          starts[entry] = used;
          used += length;
          starts[entry + 1] = used;
          counts[entry] = count;
          slots[slot] = entry + 1;
          if (size * 2 > slots.length) rehash();
          return entry;
        }
        if (starts[entry + 1] - starts[entry] == length && Arrays.equals(data, starts[entry], starts[entry] + length, word, 0, length)) {
          counts[entry] += count;
          return entry;
        }
      }
    }

    private void rehash() {
      slots = new int[slots.length * 2];
      int mask = slots.length - 1;
      for (int entry = 0; entry < size; entry++) {
        int slot = hash(data, starts[entry], starts[entry + 1]) & mask;
        while (slots[slot] != 0) slot = (slot + 1) & mask;
        slots[slot] = entry + 1;
      }
    }

    /** Compares two words by their code points. */
    int compare(int a, int b, int[] codePoints) {
      int i = starts[a];
      int j = starts[b];
      int endA = starts[a + 1];
      int endB = starts[b + 1];
      for (; i < endA && j < endB; i++, j++) {
        int ca = codePoints[data[i]];
        int cb = codePoints[data[j]];
        if (ca != cb) return Integer.compare(ca, cb);
      }
      return Integer.compare(endA - starts[a], endB - starts[b]);
    }

    private static int hash(int[] word, int length) {
      return hash(word, 0, length);
    }

    private static int hash(int[] word, int from, int to) {
      int h = 0x9E3779B9;
      for (int i = from; i < to; i++) h = (h ^ word[i]) * 0x01000193;
      return h ^ h >>> 16;
    }
  }
}
