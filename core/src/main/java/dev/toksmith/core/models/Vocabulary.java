package dev.toksmith.core.models;

import it.unimi.dsi.fastutil.objects.Object2IntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A token-to-id table as Hugging Face's BPE, WordPiece and WordLevel models keep it: ids need not be
 * contiguous, and several tokens may share an id (the reverse lookup then answers one of them).
 * Immutable.
 */
public final class Vocabulary {
  private final Object2IntOpenHashMap<String> ids;
  private final String[] tokens;
  private final List<String> tokensInIdOrder;

  /** Ids index arrays; far beyond any real vocabulary (a few million tokens) an id is a mistake. */
  private static final int MAX_ID = (1 << 28) - 1;

  /** @throws IllegalArgumentException if an id is negative or absurdly large */
  public Vocabulary(Object2IntMap<String> vocab) {
    this(new Object2IntOpenHashMap<>(vocab));
  }

  /**
   * A vocabulary over {@code ids}, which it keeps as they are (the caller hands the map over).
   *
   * @throws IllegalArgumentException if an id is negative or absurdly large
   */
  public static Vocabulary adopting(Object2IntOpenHashMap<String> ids) {
    return new Vocabulary(ids);
  }

  private Vocabulary(Object2IntOpenHashMap<String> ids) {
    this.ids = ids;
    ids.defaultReturnValue(-1);
    int bound = 0;
    for (var e : ids.object2IntEntrySet()) {
      if (e.getIntValue() < 0) throw new IllegalArgumentException("negative token id " + e.getIntValue() + " for " + e.getKey());
      if (e.getIntValue() > MAX_ID) throw new IllegalArgumentException("token id " + e.getIntValue() + " for " + e.getKey() + " is larger than " + MAX_ID);
      bound = Math.max(bound, e.getIntValue() + 1);
    }
    // Id order, as Hugging Face writes a vocabulary; tokens sharing an id in a fixed order. Placed by
    // counting: position of an id's first token = number of tokens with smaller ids.
    int[] firstAt = new int[bound + 1];
    for (var e : ids.object2IntEntrySet()) firstAt[e.getIntValue() + 1]++;
    for (int id = 0; id < bound; id++) firstAt[id + 1] += firstAt[id];
    String[] ordered = new String[ids.size()];
    int[] next = Arrays.copyOf(firstAt, bound);
    for (var e : ids.object2IntEntrySet()) ordered[next[e.getIntValue()]++] = e.getKey();
    tokens = new String[bound];
    for (int id = 0; id < bound; id++) {
      if (firstAt[id + 1] - firstAt[id] > 1) Arrays.sort(ordered, firstAt[id], firstAt[id + 1], Comparator.naturalOrder());
      if (firstAt[id + 1] > firstAt[id]) tokens[id] = ordered[firstAt[id]];
    }
    tokensInIdOrder = List.of(ordered);
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
    if (id < 0) throw new IllegalStateException("the unknown token " + unkToken + " is not in the vocabulary");
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

  /** Every token, by ascending id; tokens sharing an id are all listed. */
  public List<String> tokensInIdOrder() {
    return tokensInIdOrder;
  }
}
