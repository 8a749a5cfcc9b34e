package dev.toksmith.core.merging;

import dev.toksmith.api.Encoding;
import dev.toksmith.api.MergeRule;
import dev.toksmith.api.MergeStats;
import dev.toksmith.api.MergedBatch;
import dev.toksmith.api.MergedToken;
import dev.toksmith.api.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Dynamic batch-level merging over a base tokenizer: tokenizes a batch, then merges its most frequent
 * allowed adjacent pair with a {@link PairMerger} until the budget, the target reduction or the pairs
 * run out. The engine behind the facade's {@code DynamicMerger} (which checks a user's settings) and
 * {@code compare}'s merge measures. Immutable and thread-safe; each {@link #merge} call works on its
 * own batch.
 */
public final class BatchMerger {
  private final Tokenizer base;
  private final MergeRule rule;
  private final int maxMerges;
  private final double targetReduction;
  private final int firstNewId;

  /**
   * @param maxMerges the merge budget per batch
   * @param targetReduction the reduction (percent) at which to stop, or NaN to merge to saturation
   * @param firstNewId the id of each batch's first new token, at least {@code base.idBound()}
   */
  public BatchMerger(Tokenizer base, MergeRule rule, int maxMerges, double targetReduction, int firstNewId) {
    this.base = base;
    this.rule = rule;
    this.maxMerges = maxMerges;
    this.targetReduction = targetReduction;
    this.firstNewId = firstNewId;
  }

  /** The id of each batch's first new token. */
  public int firstNewId() {
    return firstNewId;
  }

  /** The base tokenizer. */
  public Tokenizer base() {
    return base;
  }

  /**
   * Tokenizes {@code texts} as one batch (without the post-processor's special tokens; with the base
   * tokenizer's truncation and padding, if it has any) and merges.
   */
  public MergedBatch merge(List<String> texts) {
    List<Encoding> encodings = base.encodeBatch(texts, false);
    int[][] rows = new int[encodings.size()][];
    long baseTokens = 0;
    long wordTokens = 0;
    for (int r = 0; r < rows.length; r++) {
      Encoding e = encodings.get(r);
      rows[r] = e.ids();
      baseTokens += e.size();
      wordTokens += words(e);
    }
    PairMerger merger = new PairMerger(rows, firstNewId, (row, from, mid, to) -> rule.allows(texts.get(row), encodings.get(row), from, mid, to));
    int done = 0;
    while (done < maxMerges && !reached(baseTokens, merger.length(), wordTokens) && merger.mergeNext()) done++;
    int[][] merged = new int[rows.length][];
    for (int r = 0; r < rows.length; r++) merged[r] = merger.row(r);
    MergeStats stats = new MergeStats(rows.length, done, baseTokens, merger.length(), wordTokens);
    return new MergedBatch(base, firstNewId, merged, newTokens(merger.merges()), stats);
  }

  /**
   * Merges {@code texts} in consecutive batches of {@code batchSize} (the last may be smaller) and
   * sums their stats: L0, L(m), L_word and the reduction of a corpus, as {@code compare} reports them.
   */
  public MergeStats measure(List<String> texts, int batchSize) {
    if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, not " + batchSize);
    MergeStats total = MergeStats.EMPTY;
    for (int from = 0; from < texts.size(); from += batchSize) {
      total = total.plus(merge(texts.subList(from, Math.min(texts.size(), from + batchSize))).stats());
    }
    return total;
  }

  private boolean reached(long baseTokens, long length, long wordTokens) {
    return !Double.isNaN(targetReduction) && 100.0 * (baseTokens - length) >= targetReduction * (baseTokens - wordTokens);
  }

  /** Pre-tokens of an encoding: runs of one word id, and each token without one. */
  private static int words(Encoding e) {
    int words = 0;
    for (int i = 0; i < e.size(); i++) {
      if (i == 0 || e.wordId(i) < 0 || e.wordId(i) != e.wordId(i - 1)) words++;
    }
    return words;
  }

  private List<MergedToken> newTokens(List<PairMerger.Merge> merges) {
    List<MergedToken> tokens = new ArrayList<>(merges.size());
    for (PairMerger.Merge m : merges) {
      int[] left = surface(tokens, m.left());
      int[] right = surface(tokens, m.right());
      int[] surface = new int[left.length + right.length];
      System.arraycopy(left, 0, surface, 0, left.length);
      System.arraycopy(right, 0, surface, left.length, right.length);
      tokens.add(new MergedToken(m.id(), token(tokens, m.left()) + token(tokens, m.right()), surface, m.left(), m.right(), m.count()));
    }
    return tokens;
  }

  private int[] surface(List<MergedToken> tokens, int id) {
    return id < firstNewId ? new int[] {id} : tokens.get(id - firstNewId).surface();
  }

  private String token(List<MergedToken> tokens, int id) {
    return id < firstNewId ? base.idToToken(id).orElseThrow() : tokens.get(id - firstNewId).token();
  }
}
