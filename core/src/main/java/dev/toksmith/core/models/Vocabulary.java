package dev.toksmith.core.models;

import it.unimi.dsi.fastutil.objects.Object2IntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    ids = new Object2IntOpenHashMap<>(vocab);
    ids.defaultReturnValue(-1);
    int bound = 0;
    for (var e : ids.object2IntEntrySet()) {
      int id = e.getIntValue();
      if (id < 0) throw new IllegalArgumentException("negative token id " + id + " for " + e.getKey());
      if (id > MAX_ID) throw new IllegalArgumentException("token id " + id + " for " + e.getKey() + " is larger than " + MAX_ID);
      bound = Math.max(bound, id + 1);
    }
    // Id order, as Hugging Face writes a vocabulary, placed by id rather than sorted; the few tokens
    // that share an id with another go in code unit order (String.compareTo), the first of them answering token(id).
    tokens = new String[bound];
    Map<Integer, List<String>> sharing = new TreeMap<>();
    for (var e : ids.object2IntEntrySet()) {
      int id = e.getIntValue();
      if (tokens[id] == null) {
        tokens[id] = e.getKey();
      } else {
        sharing.computeIfAbsent(id, k -> new ArrayList<>(List.of(tokens[id]))).add(e.getKey());
      }
    }
    for (var group : sharing.entrySet()) {
      group.getValue().sort(Comparator.naturalOrder());
      tokens[group.getKey()] = group.getValue().get(0);
    }
    List<String> ordered = new ArrayList<>(ids.size());
    for (int id = 0; id < bound; id++) {
      List<String> group = sharing.get(id);
      if (group != null) ordered.addAll(group);
      else if (tokens[id] != null) ordered.add(tokens[id]);
    }
    tokensInIdOrder = List.copyOf(ordered);
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
