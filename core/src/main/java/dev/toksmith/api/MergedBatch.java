package dev.toksmith.api;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch after {@code DynamicMerger} (in {@code dev.toksmith}) merged it: the sequences as ids in the extended id space
 * (base ids, then the batch's new tokens from {@link #firstNewId()}), the batch vocabulary and the
 * length statistics. Decodes merged ids exactly as the base tokenizer decodes the base ids they
 * stand for, and gives the mean base embeddings of the new tokens (their surface forms: {@link
 * MergedToken#surfaceMatrix}).
 * Immutable.
 *
 * <pre>{@code
 * MergedBatch batch = merger.merge(List.of("the court held", "the court found"));
 * int[] row = batch.ids(0);                          // may hold ids from batch.firstNewId() on
 * String text = batch.decode(row);                   // "the court held"
 * int[] base = batch.toBaseIds(row);                 // the base tokenizer's ids
 * }</pre>
 */
public final class MergedBatch {
  private final Tokenizer base;
  private final int firstNewId;
  private final int[][] rows;
  private final List<MergedToken> newTokens;
  private final MergeStats stats;

  /**
   * A batch as merged: {@code rows} in the extended id space (taken as they are, not copied), the new
   * tokens in id order from {@code firstNewId}.
   */
  public MergedBatch(Tokenizer base, int firstNewId, int[][] rows, List<MergedToken> newTokens, MergeStats stats) {
    this.base = base;
    this.firstNewId = firstNewId;
    this.rows = rows;
    this.newTokens = List.copyOf(newTokens);
    this.stats = stats;
  }

  /** Number of sequences, in the order of the texts. */
  public int size() {
    return rows.length;
  }

  /** The merged ids of sequence {@code row} (a copy). */
  public int[] ids(int row) {
    return rows[row].clone();
  }

  /** The id of the first new token; smaller ids are base ids. */
  public int firstNewId() {
    return firstNewId;
  }

  /** The batch vocabulary: new token {@code i} has id {@code firstNewId() + i}. */
  public List<MergedToken> newTokens() {
    return newTokens;
  }

  /** L0, L(m), L_word and the reduction of this batch. */
  public MergeStats stats() {
    return stats;
  }

  /**
   * The base ids that merged ids stand for, in order.
   *
   * @throws IllegalArgumentException if an id is negative or past the batch's new tokens
   */
  public int[] toBaseIds(int[] ids) {
    int length = 0;
    for (int id : ids) length += surfaceLength(id);
    int[] out = new int[length];
    int at = 0;
    for (int id : ids) {
      if (id < firstNewId) {
        out[at++] = id;
      } else {
        int[] surface = newTokens.get(id - firstNewId).surface();
        System.arraycopy(surface, 0, out, at, surface.length);
        at += surface.length;
      }
    }
    return out;
  }

  private int surfaceLength(int id) {
    if (id < 0 || id >= firstNewId + newTokens.size()) {
      throw new IllegalArgumentException("id " + id + " is not in this batch's vocabulary (valid ids are 0.." + (firstNewId + newTokens.size() - 1) + ")");
    }
    return id < firstNewId ? 1 : newTokens.get(id - firstNewId).surfaceLength();
  }

  /** Merged ids to text: exactly the base tokenizer's {@code decode} of {@link #toBaseIds}. */
  public String decode(int[] ids) {
    return base.decode(toBaseIds(ids));
  }

  /** Merged ids to the exact bytes they stand for, as the base tokenizer's {@code decodeBytes}. */
  public byte[] decodeBytes(int[] ids) {
    return base.decodeBytes(toBaseIds(ids), false);
  }

  /**
   * The decoded text of each merged token, as the base tokenizer's {@link Tokenizer#tokenTexts}
   * gives them for the base ids, joined per merged token: they join to {@link #decode}.
   */
  public List<String> tokenTexts(int[] ids) {
    List<String> baseTexts = base.tokenTexts(toBaseIds(ids));
    List<String> texts = new ArrayList<>(ids.length);
    int at = 0;
    for (int id : ids) {
      int n = surfaceLength(id);
      texts.add(n == 1 ? baseTexts.get(at) : String.join("", baseTexts.subList(at, at + n)));
      at += n;
    }
    return texts;
  }

  /** The vocabulary form of a base or new id. */
  public String token(int id) {
    surfaceLength(id);
    return id < firstNewId ? base.idToToken(id).orElseThrow(() -> new IllegalArgumentException("id " + id + " is not in the base vocabulary")) : newTokens.get(id - firstNewId).token();
  }

  /**
   * Embeddings of the new tokens: each the mean of its surface form's rows of {@code baseEmbeddings}
   * (row-major {@code [V x dim]}), the simple baseline a hypernetwork replaces. Row-major {@code
   * [newTokens x dim]}; sums are taken in double precision.
   *
   * @throws IllegalArgumentException if the matrix is not {@code dim} wide or lacks a surface id's row
   */
  public float[] meanEmbeddings(float[] baseEmbeddings, int dim) {
    if (dim <= 0 || baseEmbeddings.length % dim != 0) throw new IllegalArgumentException("an embedding matrix of " + baseEmbeddings.length + " values is not " + dim + " wide");
    int vocab = baseEmbeddings.length / dim;
    float[] out = new float[newTokens.size() * dim];
    double[] sum = new double[dim];
    for (int i = 0; i < newTokens.size(); i++) {
      java.util.Arrays.fill(sum, 0);
      int[] surface = newTokens.get(i).surface();
      for (int id : surface) {
        if (id >= vocab) throw new IllegalArgumentException("base id " + id + " has no row in an embedding matrix of " + vocab + " rows");
        for (int k = 0; k < dim; k++) sum[k] += baseEmbeddings[id * dim + k];
      }
      for (int k = 0; k < dim; k++) out[i * dim + k] = (float) (sum[k] / surface.length);
    }
    return out;
  }
}
