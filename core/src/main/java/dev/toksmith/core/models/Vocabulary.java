package dev.toksmith.core.models;

import dev.toksmith.core.text.Excerpt;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.objects.Object2IntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A token-to-id table as Hugging Face's BPE, WordPiece and WordLevel models keep it: ids need not be
 * contiguous. Immutable.
 *
 * <p>Stricter than Hugging Face in two ways, both for files no real tokenizer has. Two tokens may not
 * share an id: Hugging Face accepts that and then decodes the id to one of them, so text does not
 * come back. And ids may leave at most {@link #MAX_UNUSED_IDS} ids unused below the largest, since
 * tables are indexed by id: a file of a few bytes must not cost gigabytes.
 */
public final class Vocabulary {
  /**
   * How many ids below the largest may hold no token: far more than any real vocabulary leaves (gpt-4o's
   * tokenizer.json leaves 19), far fewer than would cost memory worth mentioning.
   */
  public static final int MAX_UNUSED_IDS = 1 << 20;

  private final Object2IntOpenHashMap<String> ids;
  private final String[] tokens;
  private final List<String> tokensInIdOrder;

  /**
   * @throws IllegalArgumentException if an id is negative, two tokens share an id, or the ids leave more
   *     than {@link #MAX_UNUSED_IDS} unused
   */
  public Vocabulary(Object2IntMap<String> vocab) {
    ids = new Object2IntOpenHashMap<>(vocab);
    ids.defaultReturnValue(-1);
    int max = -1;
    for (var e : ids.object2IntEntrySet()) {
      if (e.getIntValue() < 0) throw new IllegalArgumentException("negative token id " + e.getIntValue() + " for " + Excerpt.quote(e.getKey()));
      max = Math.max(max, e.getIntValue());
    }
    checkIdBound(max + 1L, ids.size());
    tokens = new String[max + 1];
    for (var e : ids.object2IntEntrySet()) {
      String other = tokens[e.getIntValue()];
      if (other != null) {
        // Name the pair in a fixed order, whatever the hash order.
        String first = Utf8.CODE_POINT_ORDER.compare(other, e.getKey()) < 0 ? other : e.getKey();
        String second = first == other ? e.getKey() : other;
        throw new IllegalArgumentException("tokens " + Excerpt.quote(first) + " and " + Excerpt.quote(second) + " have the same id " + e.getIntValue());
      }
      tokens[e.getIntValue()] = e.getKey();
    }
    List<String> ordered = new ArrayList<>(ids.size());
    for (String token : tokens) if (token != null) ordered.add(token);
    tokensInIdOrder = List.copyOf(ordered);
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
    return ids.getInt(token);
  }

  /**
   * The id of the unknown token, for a piece that needs it.
   *
   * @throws IllegalStateException if the vocabulary lacks it: Hugging Face loads such a model and
   *     fails the encodings that need the token
   */
  public int unknownTokenId(String unkToken) {
    int id = ids.getInt(unkToken);
    if (id < 0) throw new IllegalStateException("the unknown token " + Excerpt.quote(unkToken) + " is not in the vocabulary");
    return id;
  }

  /** The token with this id, or null. */
  public String token(int id) {
    return id >= 0 && id < tokens.length ? tokens[id] : null;
  }

  /** Number of tokens. */
  public int size() {
    return ids.size();
  }

  /** Largest id plus one. */
  public int idBound() {
    return tokens.length;
  }

  /** Every token, by ascending id. */
  public List<String> tokensInIdOrder() {
    return tokensInIdOrder;
  }
}
