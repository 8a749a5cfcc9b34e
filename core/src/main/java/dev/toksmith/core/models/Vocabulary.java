package dev.toksmith.core.models;

import dev.toksmith.core.text.Excerpt;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.objects.Object2IntMap;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * A token-to-id table as Hugging Face's BPE, WordPiece and WordLevel models keep it: ids need not be
 * contiguous. Immutable.
 *
 * <p>Stricter than Hugging Face in two ways, both for files no real tokenizer has. Two tokens may not
 * share an id: Hugging Face accepts that and then decodes the id to one of them, so text does not
 * come back. And ids may leave at most {@link #MAX_UNUSED_IDS} ids unused below the largest, since
 * tables are indexed by id: a file of a few bytes must not cost gigabytes.
 *
 * <p>Tokens are found by open addressing on {@link String#hashCode()}, which a lookup can also compute
 * over a range of characters or over two ranges joined, so that a loader resolves hundreds of thousands
 * of merges without building a string for each part. Each slot holds the hash beside the entry, and the
 * entries' characters lie in one array, so that a lookup touches two or three cache lines, not a chain
 * of objects.
 */
public final class Vocabulary {
  /**
   * How many ids below the largest may hold no token: far more than any real vocabulary leaves (gpt-4o's
   * tokenizer.json leaves 19), far fewer than would cost memory worth mentioning.
   */
  public static final int MAX_UNUSED_IDS = 1 << 20;

  /** The id of each distinct token (an entry). */
  private final int[] entryIds;
  /** The characters of entry {@code e} are {@code chars[charStarts[e], charStarts[e + 1])}. */
  private final char[] chars;
  private final int[] charStarts;
  /** Open addressing, two ints a slot: the hash, and the entry index + 1 (0 for an empty slot). */
  private final int[] slots;
  /** The entry of each id, -1 for an id without token. */
  private final int[] entryOfId;
  /**
   * Each entry as a string: those given, or made from {@link #chars} the first time a token is asked
   * for as a string (a vocabulary read from a cache entry is mostly only looked up).
   */
  private volatile String[] entries;
  private volatile List<String> tokensInIdOrder;

  /**
   * @throws IllegalArgumentException if an id is negative, two tokens share an id, or the ids leave more
   *     than {@link #MAX_UNUSED_IDS} unused
   */
  public Vocabulary(Object2IntMap<String> vocab) {
    this(keys(vocab), values(vocab), vocab.size());
  }

  /**
   * A vocabulary of {@code count} tokens with their ids, in the order read; a token given twice keeps
   * its last id, as Hugging Face's maps do.
   *
   * @throws IllegalArgumentException if an id is negative, two tokens share an id, or the ids leave more
   *     than {@link #MAX_UNUSED_IDS} unused
   */
  public Vocabulary(String[] tokenList, int[] ids, int count) {
    this(charsOf(tokenList, count), startsOf(tokenList, count), tokenList, ids, count);
  }

  /**
   * The vocabulary of tokens given as characters end to end ({@code lengths[i]} characters for token
   * {@code i}, in the order read) with their ids: the same as {@link #Vocabulary(String[], int[], int)}
   * with those strings, without making a string per token until one is asked for. {@code chars} is
   * taken as it is.
   *
   * @throws IllegalArgumentException as {@link #Vocabulary(String[], int[], int)}, or if the lengths do
   *     not add up to the characters given
   */
  public static Vocabulary ofChars(char[] chars, int[] lengths, int[] ids) {
    return new Vocabulary(chars, starts(chars, lengths), null, ids, lengths.length);
  }

  /**
   * As {@link #ofChars} for distinct tokens whose lookup table another vocabulary of the same tokens in
   * the same order gave ({@link #slots()}, a cached form): no token is hashed. The table is only checked
   * to stay within bounds; one of other tokens finds wrong ids.
   *
   * @throws IllegalArgumentException as {@link #ofChars}, or if the slots are no table of these tokens'
   *     number
   */
  public static Vocabulary ofChars(char[] chars, int[] lengths, int[] ids, int[] slots) {
    int count = lengths.length;
    int[] starts = starts(chars, lengths);
    if (ids.length != count || slots.length != 2 * capacity(count)) throw new IllegalArgumentException("no lookup table of " + count + " tokens");
    int filled = 0;
    for (int slot = 1; slot < slots.length; slot += 2) {
      if (slots[slot] < 0 || slots[slot] > count) throw new IllegalArgumentException("a slot of no token");
      if (slots[slot] != 0) filled++;
    }
    if (filled != count) throw new IllegalArgumentException("the lookup table holds " + filled + " tokens, not " + count);
    return new Vocabulary(chars, starts, ids, slots);
  }

  private Vocabulary(char[] chars, int[] starts, int[] ids, int[] slots) {
    this.chars = chars;
    this.charStarts = starts;
    this.entryIds = ids;
    this.slots = slots;
    this.entryOfId = idTable(ids.length);
  }

  /** The lookup table's slots for {@code count} tokens: a power of two, at most half full. */
  private static int capacity(int count) {
    return Integer.highestOneBit(Math.max(4, count) * 2 - 1) << 1;
  }

  /** {@code chars} cut at {@code lengths}: where each token starts, and where the last ends. */
  private static int[] starts(char[] chars, int[] lengths) {
    int[] starts = new int[lengths.length + 1];
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] < 0 || starts[i] + (long) lengths[i] > chars.length) throw new IllegalArgumentException("token lengths past the characters given");
      starts[i + 1] = starts[i] + lengths[i];
    }
    if (starts[lengths.length] != chars.length) throw new IllegalArgumentException("the token lengths add up to " + starts[lengths.length] + " chars, not " + chars.length);
    return starts;
  }

  /**
   * The lookup table's slots, two ints each (a token's hash; its index in the order read, plus one),
   * for {@link #ofChars(char[], int[], int[], int[])}; the vocabulary's own array, not to be changed.
   */
  public int[] slots() {
    return slots;
  }

  /** {@code given}: the tokens as strings, or null to make them only when asked for. */
  private Vocabulary(char[] allChars, int[] starts, String[] given, int[] ids, int count) {
    int capacity = capacity(count);
    int mask = capacity - 1;
    int[] table = new int[2 * capacity];
    // The index read of each distinct token, and its id (the last one read).
    int[] firstRead = new int[count];
    int[] distinctIds = new int[count];
    int size = 0;
    for (int i = 0; i < count; i++) {
      int id = ids[i];
      int from = starts[i];
      int to = starts[i + 1];
      if (id < 0) throw new IllegalArgumentException("negative token id " + id + " for " + Excerpt.quote(new String(allChars, from, to - from)));
      int hash = given != null ? given[i].hashCode() : hash(allChars, from, to);
      int slot = slot(hash, mask);
      while (table[2 * slot + 1] != 0) {
        int other = firstRead[table[2 * slot + 1] - 1];
        if (table[2 * slot] == hash && Arrays.equals(allChars, starts[other], starts[other + 1], allChars, from, to)) break;
        slot = (slot + 1) & mask;
      }
      if (table[2 * slot + 1] == 0) {
        firstRead[size] = i;
        table[2 * slot] = hash;
        table[2 * slot + 1] = ++size;
      }
      distinctIds[table[2 * slot + 1] - 1] = id;
    }
    entryIds = size == count ? distinctIds : Arrays.copyOf(distinctIds, size);
    slots = table;
    if (size == count) {
      chars = allChars;
      charStarts = starts;
    } else {
      // Tokens given twice: their characters kept once, in the order first read.
      charStarts = new int[size + 1];
      for (int e = 0; e < size; e++) charStarts[e + 1] = charStarts[e] + starts[firstRead[e] + 1] - starts[firstRead[e]];
      chars = new char[charStarts[size]];
      for (int e = 0; e < size; e++) System.arraycopy(allChars, starts[firstRead[e]], chars, charStarts[e], charStarts[e + 1] - charStarts[e]);
    }
    if (given != null) {
      String[] strings = new String[size];
      for (int e = 0; e < size; e++) strings[e] = given[firstRead[e]];
      entries = strings;
    }
    entryOfId = idTable(size);
  }

  /**
   * The entry of each id, from {@link #entryIds} of {@code size} entries.
   *
   * @throws IllegalArgumentException if an id is negative, two tokens share one, or they leave more
   *     than {@link #MAX_UNUSED_IDS} unused
   */
  private int[] idTable(int size) {
    int bound = 0;
    for (int e = 0; e < size; e++) {
      if (entryIds[e] < 0) throw new IllegalArgumentException("negative token id " + entryIds[e] + " for " + Excerpt.quote(entry(e)));
      bound = Math.max(bound, entryIds[e] + 1);
    }
    checkIdBound(bound, size);
    int[] entryOfId = new int[bound];
    Arrays.fill(entryOfId, -1);
    for (int e = 0; e < size; e++) {
      int other = entryOfId[entryIds[e]];
      if (other >= 0) {
        // Name the pair in a fixed order, whatever the order read.
        String a = entry(other);
        String b = entry(e);
        String first = Utf8.CODE_POINT_ORDER.compare(a, b) < 0 ? a : b;
        String second = first == a ? b : a;
        throw new IllegalArgumentException("tokens " + Excerpt.quote(first) + " and " + Excerpt.quote(second) + " have the same id " + entryIds[e]);
      }
      entryOfId[entryIds[e]] = e;
    }
    return entryOfId;
  }

  /** String's hash of {@code chars[from, to)}. */
  private static int hash(char[] chars, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) h = 31 * h + chars[i];
    return h;
  }

  private static char[] charsOf(String[] tokens, int count) {
    long total = 0;
    for (int i = 0; i < count; i++) total += tokens[i].length();
    if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("the tokens hold " + total + " chars, more than an array holds");
    char[] chars = new char[(int) total];
    for (int i = 0, at = 0; i < count; i++) {
      tokens[i].getChars(0, tokens[i].length(), chars, at);
      at += tokens[i].length();
    }
    return chars;
  }

  private static int[] startsOf(String[] tokens, int count) {
    int[] starts = new int[count + 1];
    for (int i = 0; i < count; i++) starts[i + 1] = starts[i] + tokens[i].length();
    return starts;
  }

  /** Entry {@code e} as a string, without making the others. */
  private String entry(int e) {
    String[] strings = entries;
    return strings != null ? strings[e] : new String(chars, charStarts[e], charStarts[e + 1] - charStarts[e]);
  }

  /** Every entry as a string, made on first use. */
  private String[] entries() {
    String[] strings = entries;
    if (strings == null) {
      strings = new String[entryIds.length];
      for (int e = 0; e < strings.length; e++) strings[e] = entry(e);
      entries = strings;
    }
    return strings;
  }

  private static String[] keys(Object2IntMap<String> vocab) {
    String[] keys = new String[vocab.size()];
    int i = 0;
    for (var e : vocab.object2IntEntrySet()) keys[i++] = e.getKey();
    return keys;
  }

  private static int[] values(Object2IntMap<String> vocab) {
    int[] values = new int[vocab.size()];
    int i = 0;
    for (var e : vocab.object2IntEntrySet()) values[i++] = e.getIntValue();
    return values;
  }

  /**
   * Checks that ids up to {@code bound - 1} for {@code entries} entries leave at most {@link
   * #MAX_UNUSED_IDS} unused, before anything is sized by the bound.
   *
   * @throws IllegalArgumentException if they leave more
   */
  public static void checkIdBound(long bound, long entries) {
    if (bound - entries > MAX_UNUSED_IDS) {
      throw new IllegalArgumentException("an id of " + (bound - 1) + " for " + entries + " tokens leaves " + (bound - entries)
          + " ids unused, more than the " + MAX_UNUSED_IDS + " toksmith allows");
    }
  }

  /** The id of a token, or -1. */
  public int id(String token) {
    int hash = token.hashCode();
    int mask = (slots.length >> 1) - 1;
    for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
      int entry = slots[2 * slot + 1];
      if (entry == 0) return -1;
      if (slots[2 * slot] == hash && matches(entry - 1, token)) return entryIds[entry - 1];
    }
  }

  private boolean matches(int e, String token) {
    String[] strings = entries;
    if (strings != null) return strings[e].equals(token);
    int start = charStarts[e];
    if (charStarts[e + 1] - start != token.length()) return false;
    for (int i = 0; i < token.length(); i++) if (chars[start + i] != token.charAt(i)) return false;
    return true;
  }

  /** The id of the token {@code text[from, to)}, or -1. */
  public int id(char[] text, int from, int to) {
    return idOfJoined(text, from, to, text, to, to);
  }

  /** The id of the token {@code a[aFrom, aTo)} followed by {@code b[bFrom, bTo)}, or -1. */
  public int idOfJoined(char[] a, int aFrom, int aTo, char[] b, int bFrom, int bTo) {
    int hash = 0;
    for (int i = aFrom; i < aTo; i++) hash = 31 * hash + a[i];
    for (int i = bFrom; i < bTo; i++) hash = 31 * hash + b[i];
    int aLength = aTo - aFrom;
    int length = aLength + bTo - bFrom;
    int mask = (slots.length >> 1) - 1;
    for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
      int entry = slots[2 * slot + 1];
      if (entry == 0) return -1;
      if (slots[2 * slot] != hash) continue;
      int start = charStarts[entry - 1];
      if (charStarts[entry] - start == length && Arrays.equals(chars, start, start + aLength, a, aFrom, aTo)
          && Arrays.equals(chars, start + aLength, start + length, b, bFrom, bTo)) {
        return entryIds[entry - 1];
      }
    }
  }

  /** The home slot of a hash: its bits mixed, since similar tokens differ mostly in the high bits of String's hash. */
  private static int slot(int hash, int mask) {
    int h = hash * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  /**
   * The id of the unknown token, for a piece that needs it.
   *
   * @throws IllegalStateException if the vocabulary lacks it: Hugging Face loads such a model and
   *     fails the encodings that need the token
   */
  public int unknownTokenId(String unkToken) {
    int id = id(unkToken);
    if (id < 0) throw new IllegalStateException("the unknown token " + Excerpt.quote(unkToken) + " is not in the vocabulary");
    return id;
  }

  /** The token with this id, or null. */
  public String token(int id) {
    int e = id >= 0 && id < entryOfId.length ? entryOfId[id] : -1;
    return e < 0 ? null : entries()[e];
  }

  /** Calls {@code action} with every token and its id, in no particular order. */
  public void forEach(ObjIntConsumer<String> action) {
    String[] strings = entries();
    for (int i = 0; i < strings.length; i++) action.accept(strings[i], entryIds[i]);
  }

  /** Number of tokens. */
  public int size() {
    return entryIds.length;
  }

  /** Largest id plus one. */
  public int idBound() {
    return entryOfId.length;
  }

  /** Every token, by ascending id, as Hugging Face writes a vocabulary. */
  public List<String> tokensInIdOrder() {
    List<String> ordered = tokensInIdOrder;
    if (ordered == null) {
      // The id table holds each token once, at its id: read in id order, it needs no sort.
      String[] strings = entries();
      String[] inOrder = new String[strings.length];
      int n = 0;
      for (int e : entryOfId) if (e >= 0) inOrder[n++] = strings[e];
      tokensInIdOrder = ordered = List.of(inOrder);
    }
    return ordered;
  }
}
