package dev.toksmith;

import dev.toksmith.api.MergeRule;
import dev.toksmith.api.MergeStats;
import dev.toksmith.api.MergedBatch;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.merging.BatchMerger;
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
  private final BatchMerger merger;

  private DynamicMerger(Builder b) {
    int bound = b.base.idBound();
    if (b.firstNewId >= 0 && b.firstNewId < bound) {
      throw new IllegalArgumentException("the first new id " + b.firstNewId + " is inside the base vocabulary (ids 0.." + (bound - 1) + ")");
    }
    this.merger = new BatchMerger(b.base, b.rule, b.maxMerges, b.targetReduction, b.firstNewId >= 0 ? b.firstNewId : bound);
  }

  /** A builder over {@code base}: the pre-token rule, no merge budget, no target (merge to saturation). */
  public static Builder builder(Tokenizer base) {
    return new Builder(base);
  }

  /** The id of each batch's first new token: the base vocabulary comes first in the extended id space. */
  public int firstNewId() {
    return merger.firstNewId();
  }

  /** The base tokenizer. */
  public Tokenizer base() {
    return merger.base();
  }

  /**
   * Tokenizes {@code texts} as one batch (without the post-processor's special tokens; with the base
   * tokenizer's truncation and padding, if it has any) and merges.
   */
  public MergedBatch merge(List<String> texts) {
    return merger.merge(texts);
  }

  /**
   * Merges {@code texts} in consecutive batches of {@code batchSize} (the last may be smaller) and
   * sums their stats: L0, L(m), L_word and the reduction of a corpus, as {@code compare} reports them.
   */
  public MergeStats measure(List<String> texts, int batchSize) {
    return merger.measure(texts, batchSize);
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
