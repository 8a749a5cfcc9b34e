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

  /** Distinct tokens, and the id of each. */
  private final String[] entries;
  private final int[] entryIds;
  /** The characters of entry {@code e} are {@code chars[charStarts[e], charStarts[e + 1])}. */
  private final char[] chars;
  private final int[] charStarts;
  /** Open addressing, two ints a slot: the hash, and the entry index + 1 (0 for an empty slot). */
  private final int[] slots;
  private final String[] tokens;
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
    int capacity = Integer.highestOneBit(Math.max(4, count) * 2 - 1) << 1;
    int mask = capacity - 1;
    int[] table = new int[2 * capacity];
    String[] distinct = new String[count];
    int[] distinctIds = new int[count];
    int size = 0;
    for (int i = 0; i < count; i++) {
      String token = tokenList[i];
      int id = ids[i];
      if (id < 0) throw new IllegalArgumentException("negative token id " + id + " for " + Excerpt.quote(token));
      int hash = token.hashCode();
      int slot = slot(hash, mask);
      while (table[2 * slot + 1] != 0 && !(table[2 * slot] == hash && distinct[table[2 * slot + 1] - 1].equals(token))) slot = (slot + 1) & mask;
      if (table[2 * slot + 1] == 0) {
        distinct[size] = token;
        table[2 * slot] = hash;
        table[2 * slot + 1] = ++size;
      }
      distinctIds[table[2 * slot + 1] - 1] = id;
    }
    entries = size == count ? distinct : Arrays.copyOf(distinct, size);
    entryIds = size == count ? distinctIds : Arrays.copyOf(distinctIds, size);
    slots = table;
    int bound = 0;
    long totalChars = 0;
    for (int i = 0; i < size; i++) {
      bound = Math.max(bound, entryIds[i] + 1);
      totalChars += entries[i].length();
    }
    checkIdBound(bound, size);
    if (totalChars > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("the tokens hold " + totalChars + " chars, more than an array holds");
    chars = new char[(int) totalChars];
    charStarts = new int[size + 1];
    for (int i = 0, at = 0; i < size; i++) {
      entries[i].getChars(0, entries[i].length(), chars, at);
      at += entries[i].length();
      charStarts[i + 1] = at;
    }
    tokens = new String[bound];
    for (int i = 0; i < size; i++) {
      String other = tokens[entryIds[i]];
      if (other != null) {
        // Name the pair in a fixed order, whatever the order read.
        String first = Utf8.CODE_POINT_ORDER.compare(other, entries[i]) < 0 ? other : entries[i];
        String second = first == other ? entries[i] : other;
        throw new IllegalArgumentException("tokens " + Excerpt.quote(first) + " and " + Excerpt.quote(second) + " have the same id " + entryIds[i]);
      }
      tokens[entryIds[i]] = entries[i];
    }
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
      if (slots[2 * slot] == hash && entries[entry - 1].equals(token)) return entryIds[entry - 1];
    }
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
    return id >= 0 && id < tokens.length ? tokens[id] : null;
  }

  /** Calls {@code action} with every token and its id, in no particular order. */
  public void forEach(ObjIntConsumer<String> action) {
    for (int i = 0; i < entries.length; i++) action.accept(entries[i], entryIds[i]);
  }

  /** Number of tokens. */
  public int size() {
    return entries.length;
  }

  /** Largest id plus one. */
  public int idBound() {
    return tokens.length;
  }

  /** Every token, by ascending id, as Hugging Face writes a vocabulary. */
  public List<String> tokensInIdOrder() {
    List<String> ordered = tokensInIdOrder;
    if (ordered == null) {
      // The id table holds each token once, at its id: read in id order, it needs no sort.
      String[] inOrder = new String[entries.length];
      int n = 0;
      for (String token : tokens) if (token != null) inOrder[n++] = token;
      tokensInIdOrder = ordered = List.of(inOrder);
    }
    return ordered;
  }
}
