package dev.toksmith.api;

import dev.toksmith.core.merging.PairMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dynamic batch-level tokenization (Feher, Vulić and Minixhofer, 2024): tokenizes a batch of texts
 * with a base tokenizer, then merges the batch's most frequent adjacent pair of tokens, again and
 * again, to shorten the sequences; a model gets the embeddings of the new tokens from their surface
 * forms (the base tokens they are made of).
 *
 * <p>Each merge takes the pair with the most non-overlapping occurrences among the pairs the {@link
 * MergeRule} allows (ties: the pair seen first, scanning the sequences in order, each left to
 * right) and replaces its occurrences left to right in every sequence. Merging stops after {@link
 * Builder#maxMerges} merges, as soon as the {@link Builder#targetReduction target reduction} is
 * reached, or when no allowed pair is left (with the default rule: at word level). Counts are
 * updated incrementally, so merges cost in proportion to the occurrences they change.
 *
 * <p>Immutable and thread-safe; each {@link #merge} call works on its own batch.
 *
 * <pre>{@code
 * DynamicMerger merger = DynamicMerger.builder(Tokenizers.load("gpt2")).targetReduction(20).build();
 * MergedBatch batch = merger.merge(texts);     // each batch gets its own new tokens
 * float[] newRows = batch.meanEmbeddings(baseEmbeddings, 768);
 * }</pre>
 */
public final class DynamicMerger {
  private final Tokenizer base;
  private final MergeRule rule;
  private final int maxMerges;
  private final double targetReduction;
  private final int firstNewId;

  private DynamicMerger(Builder b) {
    this.base = b.base;
    this.rule = b.rule;
    this.maxMerges = b.maxMerges;
    this.targetReduction = b.targetReduction;
    int bound = base.idBound();
    if (b.firstNewId >= 0 && b.firstNewId < bound) {
      throw new IllegalArgumentException("the first new id " + b.firstNewId + " is inside the base vocabulary (ids 0.." + (bound - 1) + ")");
    }
    this.firstNewId = b.firstNewId >= 0 ? b.firstNewId : bound;
  }

  /** A builder over {@code base}: the pre-token rule, no merge budget, no target (merge to saturation). */
  public static Builder builder(Tokenizer base) {
    return new Builder(base);
  }

  /** The id of each batch's first new token: the base vocabulary comes first in the extended id space. */
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

  /** Configures a {@link DynamicMerger}. */
  public static final class Builder {
    private final Tokenizer base;
    private MergeRule rule = MergeRule.withinPreToken();
    private int maxMerges = Integer.MAX_VALUE;
    private double targetReduction = Double.NaN;
    private int firstNewId = -1;

    private Builder(Tokenizer base) {
      this.base = Objects.requireNonNull(base, "base");
    }

    /** Where merges are allowed (default {@link MergeRule#withinPreToken()}). */
    public Builder rule(MergeRule rule) {
      this.rule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /** At most {@code m} merges per batch (the budget m; 0 leaves the base tokens). */
    public Builder maxMerges(int m) {
      if (m < 0) throw new IllegalArgumentException("the merge budget must not be negative: " + m);
      this.maxMerges = m;
      return this;
    }

    /**
     * Stop as soon as the batch has gone {@code percent} of the way from subword level to word level
     * ({@link MergeStats#reduction()}), 0 to 100.
     */
    public Builder targetReduction(double percent) {
      if (!(percent >= 0 && percent <= 100)) throw new IllegalArgumentException("the target reduction must be 0 to 100 percent: " + percent);
      this.targetReduction = percent;
      return this;
    }

    /**
     * The id of the first new token (default the base tokenizer's {@link Tokenizer#idBound()}); a
     * model whose embedding matrix has more rows than the vocabulary sets its row count here.
     */
    public Builder firstNewId(int id) {
      if (id < 0) throw new IllegalArgumentException("the first new id must not be negative: " + id);
      this.firstNewId = id;
      return this;
    }

    /** @throws IllegalArgumentException if the first new id is inside the base vocabulary */
    public DynamicMerger build() {
      return new DynamicMerger(this);
    }
  }
}
