package dev.toksmith.core.models.sentencepiece;

import dev.toksmith.core.concurrent.Alongside;
import dev.toksmith.core.models.WordCounter;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;

/**
 * The counted words, ready for training, after SentencePiece's character coverage: the characters
 * are ranked by count (descending, then code point), the most frequent are kept until they cover
 * {@code character_coverage} of all occurrences (the comparison in single precision, as SentencePiece
 * makes it), and every other character becomes the unknown character {@code ▅}. Characters are
 * numbered by that rank ({@link #unknownId()} after the kept ones); words are sequences of those ids,
 * numbered in the byte order of their counter keys, so that training depends on the counts alone,
 * never on the order in which they were counted.
 *
 * <p>The (word, next character) keys stay too when asked for, for the Unigram seed.
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

  /**
   * Every word's character ids, each word after a header cell holding {@code -(2 + w)}: word {@code
   * w} is {@code chars()[start(w)..end(w))}, its header at {@code start(w) - 1}. (The BPE trainer
   * merges in this array, and finds a position's word by its header.)
   */
  public int[] chars() {
    return chars;
  }

  public int start(int word) {
    return starts[word];
  }

  public int end(int word) {
    return starts[word + 1] - 1;
  }

  public long count(int word) {
    return counts[word];
  }

  /** Distinct (word, next character) keys; none unless {@link #of} was asked to keep them. */
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

  /**
   * Ranks the characters of the counted words, drops the rare ones and numbers the rest. Reads the
   * counter twice (characters, then words) and keeps no decoded copy of it.
   *
   * @param coverage the share of occurrences to cover, compared in single precision
   * @param keepKeys whether to keep the (word, next character) keys too (the Unigram seed needs
   *     them; BPE does not, and they cost a table as large as the counter)
   * @param threads with 2 or more, a second thread counts half the characters and sorts half the
   *     words; the result is the same
   */
  public static TrainingWords of(SentenceCounter counter, float coverage, boolean keepKeys, int threads) {
    if (keepKeys && !counter.keepsNext()) throw new IllegalArgumentException("words counted for BPE have no next characters to keep");
    WordCounter keys = counter.counter();
    // Character counts: every valid code point except NUL (spaces cannot occur: normalization escaped them).
    boolean twoThreads = threads > 1;
    CharCounts charCount = new CharCounts();
    CharCounts secondPart = new CharCounts();
    Alongside.run(twoThreads, () -> charCount.addWords(counter, 0, 2), () -> secondPart.addWords(counter, 1, 2));
    charCount.addAll(secondPart);
    long cells = charCount.cells;
    if (cells > Integer.MAX_VALUE - 8) throw new IllegalStateException("too many distinct words to train on: " + cells + " characters");
    int[] ranked = charCount.codePoints();
    IntArrays.quickSort(ranked, (a, b) -> {
      int byCount = Long.compare(charCount.get(b), charCount.get(a));
      return byCount != 0 ? byCount : Integer.compare(a, b);
    });
    long all = charCount.total();
    int kept = 0;
    long accumulated = 0;
    int[] keptCodePoints = new int[ranked.length + 1];
    long[] keptCounts = new long[ranked.length];
    for (int cp : ranked) {
      float share = (float) (1.0 * accumulated / all);
      if (share >= coverage) break;
      accumulated += charCount.get(cp);
      if (cp == SentenceCounter.BOUNDARY) continue;
      keptCodePoints[kept] = cp;
      keptCounts[kept] = charCount.get(cp);
      kept++;
    }
    int unknown = kept;
    keptCodePoints[unknown] = SentenceCounter.UNKNOWN;
    int[] codePoints = Arrays.copyOf(keptCodePoints, kept + 1);
    long[] counts = Arrays.copyOf(keptCounts, kept);
    CharIds ids = new CharIds(codePoints, unknown);

    // Words and keys in character ids; words that differed only in dropped characters become one.
    // Every key's word at most once (words may merge): the table never grows, and is kept as it is.
    WordTable table = new WordTable((int) cells, keys.size());
    int keySlots = keepKeys ? keys.size() : 0;
    Long2IntOpenHashMap keyIndex = new Long2IntOpenHashMap(keySlots);
    keyIndex.defaultReturnValue(-1);
    int[] keyWords = new int[keySlots];
    int[] keyNext = new int[keySlots];
    long[] keyCounts = new long[keySlots];
    int[] distinctKeys = {0};
    int[][] word = {new int[64]};
    // In the keys' byte order, so that words are numbered (and EM sums their expectations in floating
    // point) the same whatever order they were counted in: threads, or parts counted elsewhere.
    WordCounter.WordVisitor numbering = (bytes, from, to, count) -> {
      int length = 0;
      for (int at = counter.wordStart(bytes, from, to); at < to; length++) {
        long decoded = decodeOne(bytes, at, to);
        at += (int) (decoded >>> 32);
        if (length == word[0].length) word[0] = Arrays.copyOf(word[0], 2 * length);
        word[0][length] = ids.of((int) decoded);
      }
      int w = table.add(word[0], length, count);
      if (!keepKeys) return;
      int next = bytes[from] == END_MARK ? -1 : ids.of((int) decodeOne(bytes, from, to));
      int key = keyIndex.putIfAbsent((long) w << 32 | (next + 1), distinctKeys[0]);
      if (key < 0) {
        int k = distinctKeys[0]++;
        keyWords[k] = w;
        keyNext[k] = next;
        keyCounts[k] = count;
      } else {
        keyCounts[key] += count;
      }
    };
    keys.forEachInByteOrder(numbering, twoThreads);
    int keyCount = distinctKeys[0];
    int[] chars = table.used * 10L < table.data.length * 9L ? Arrays.copyOf(table.data, table.used) : table.data;
    // Cells past the last word (words that merged left some) hold a header no word has.
    Arrays.fill(chars, table.used, chars.length, -(2 + table.size));
    return new TrainingWords(codePoints, counts, all, accumulated, chars, Arrays.copyOf(table.starts, table.size + 1),
        Arrays.copyOf(table.counts, table.size), Arrays.copyOf(keyWords, keyCount), Arrays.copyOf(keyNext, keyCount), Arrays.copyOf(keyCounts, keyCount));
  }

  /** {@link SentenceCounter}'s mark for a word that ends its sentence. */
  private static final byte END_MARK = (byte) 0xFF;

  /**
   * The code point at {@code at} (generalized UTF-8: an encoded lone surrogate is that surrogate; a
   * BPE key's space mark is {@code ▁}), with its length in bytes shifted left by 32; a byte that
   * starts no sequence stands for itself.
   */
  private static long decodeOne(byte[] bytes, int at, int to) {
    int lead = bytes[at] & 0xFF;
    if (lead < 0x80) return 1L << 32 | lead;
    if (bytes[at] == SentenceCounter.SPACE_MARK) return 1L << 32 | SentenceCounter.SPACE;
    int length = lead >= 0xC0 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xF0 && lead < 0xF8 ? 4 : 1;
    if (at + length > to) length = 1;
    if (length == 1) return 1L << 32 | lead;
    int cp = lead & (0x7F >> length);
    for (int i = 1; i < length; i++) cp = cp << 6 | (bytes[at + i] & 0x3F);
    return (long) length << 32 | cp;
  }

  /**
   * Occurrences per code point: an array for the Basic Multilingual Plane, a map above it; and the
   * cells the words counted need, a header and a cell per character each.
   */
  private static final class CharCounts {
    private final long[] bmp = new long[0x10000];
    private final Int2LongOpenHashMap others = new Int2LongOpenHashMap();
    private long total;
    private long cells;

    /** Counts the characters of the words in one of {@code parts} parts of {@code counter}'s table. */
    void addWords(SentenceCounter counter, int part, int parts) {
      counter.counter().forEach(part, parts, (bytes, from, to, count) -> {
        cells++; // the header cell
        for (int at = counter.wordStart(bytes, from, to); at < to; cells++) {
          long decoded = decodeOne(bytes, at, to);
          int cp = (int) decoded;
          at += (int) (decoded >>> 32);
          if (isValidCodePoint(cp) && cp != 0) add(cp, count);
        }
      });
    }

    void addAll(CharCounts other) {
      for (int cp = 0; cp < bmp.length; cp++) bmp[cp] += other.bmp[cp];
      other.others.forEach((cp, count) -> others.addTo(cp, count));
      total += other.total;
      cells += other.cells;
    }

    void add(int cp, long count) {
      if (cp < bmp.length) {
        bmp[cp] += count;
      } else {
        others.addTo(cp, count);
      }
      total += count;
    }

    long get(int cp) {
      return cp < bmp.length ? bmp[cp] : others.get(cp);
    }

    long total() {
      return total;
    }

    int[] codePoints() {
      IntArrayList seen = new IntArrayList();
      for (int cp = 0; cp < bmp.length; cp++) if (bmp[cp] != 0) seen.add(cp);
      seen.addAll(others.keySet());
      return seen.toIntArray();
    }
  }

  /** Code points to character ids; the unknown id for dropped ones. */
  private static final class CharIds {
    private final int[] bmp = new int[0x10000];
    private final Int2IntOpenHashMap others = new Int2IntOpenHashMap();

    CharIds(int[] codePoints, int unknown) {
      Arrays.fill(bmp, unknown);
      others.defaultReturnValue(unknown);
      for (int id = 0; id < unknown; id++) {
        if (codePoints[id] < bmp.length) {
          bmp[codePoints[id]] = id;
        } else {
          others.put(codePoints[id], id);
        }
      }
    }

    int of(int cp) {
      return cp >= 0 && cp < bmp.length ? bmp[cp] : others.get(cp);
    }
  }

  /** SentencePiece's {@code IsValidCodepoint}: a Unicode scalar value. */
  static boolean isValidCodePoint(int cp) {
    return cp >= 0 && (cp < 0xD800 || (cp >= 0xE000 && cp <= 0x10FFFF));
  }

  /** Distinct int sequences with summed counts, in one flat array. */
  private static final class WordTable {
    int[] data;
    int used;
    int[] starts;
    long[] counts;
    int size;
    private int[] slots;

    /** @param cells an upper bound on the cells the words need, headers included; @param words on the words */
    WordTable(int cells, int words) {
      data = new int[Math.max(16, cells)];
      starts = new int[words + 2];
      counts = new long[words + 1];
      slots = new int[Integer.highestOneBit(Math.max(1024, 2 * words)) << 1];
    }

    int add(int[] word, int length, long count) {
      int hash = hash(word, 0, length);
      int mask = slots.length - 1;
      for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
        int entry = slots[slot] - 1;
        if (entry < 0) {
          entry = size++;
          if (entry + 1 >= starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
            counts = Arrays.copyOf(counts, 2 * counts.length);
          }
          if (data.length < used + 1 + length) data = Arrays.copyOf(data, Math.max(used + 1 + length, 2 * data.length));
          data[used++] = -(2 + entry);
          System.arraycopy(word, 0, data, used, length);
          starts[entry] = used;
          used += length;
          starts[entry + 1] = used + 1;
          counts[entry] = count;
          slots[slot] = entry + 1;
          if (size * 2 > slots.length) rehash();
          return entry;
        }
        int start = starts[entry];
        if (starts[entry + 1] - 1 - start == length && Arrays.equals(data, start, start + length, word, 0, length)) {
          counts[entry] += count;
          return entry;
        }
      }
    }

    private void rehash() {
      slots = new int[slots.length * 2];
      int mask = slots.length - 1;
      for (int entry = 0; entry < size; entry++) {
        int slot = hash(data, starts[entry], starts[entry + 1] - 1) & mask;
        while (slots[slot] != 0) slot = (slot + 1) & mask;
        slots[slot] = entry + 1;
      }
    }

    private static int hash(int[] word, int from, int to) {
      int h = 0x9E3779B9;
      for (int i = from; i < to; i++) h = (h ^ word[i]) * 0x01000193;
      return h ^ h >>> 16;
    }
  }
}
