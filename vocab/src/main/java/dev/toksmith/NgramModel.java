package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.TokenBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * toksmith's token n-gram language model: interpolated Kneser-Ney over a tokenizer's ids, with
 * end-of-text as one id past the tokenizer's. Trained canonical-only (the default of {@code toksmith
 * lm train}), it gives no mass to token sequences the tokenizer never produces, so its byte-level
 * probabilities are exact as it is. Saved and loaded by {@link LanguageModelFile}; immutable and
 * thread-safe.
 *
 * <pre>{@code
 * NgramModel.Trainer trainer = NgramModel.trainer(Tokenizers.load("gpt2"), 3, true);
 * for (String line : Files.readAllLines(Path.of("corpus.txt"))) trainer.add(line);
 * NgramModel lm = trainer.train();
 * double bits = LanguageModels.bits(lm.byteLevel(), "some text".getBytes(UTF_8));
 * }</pre>
 */
public final class NgramModel extends TokenizedModel {
  private final KneserNeyModel counts;

  NgramModel(KneserNeyModel counts, Tokenizer tokenizer, TokenBytes tokens) {
    super(counts, tokenizer, tokens);
    this.counts = counts;
  }

  /**
   * A trainer of an order-{@code order} model over {@code tokenizer}'s ids.
   *
   * @param canonicalOnly whether continuations that would make a token sequence the tokenizer never
   *     produces get no mass (the exact byte-level method's assumption), rather than their smoothed
   *     mass ({@code lm train --allow-invalid})
   * @throws IllegalArgumentException if {@code order} is below 1, or (canonical-only) the tokenizer's
   *     decoding is not the concatenation of its tokens' bytes
   */
  public static Trainer trainer(Tokenizer tokenizer, int order, boolean canonicalOnly) {
    if (order < 1) throw new IllegalArgumentException("order must be at least 1, not " + order);
    return new Trainer(Objects.requireNonNull(tokenizer, "tokenizer"), order, canonicalOnly ? TokenBytes.of(tokenizer) : null);
  }

  /**
   * Collects the ids of training texts, then counts them. Not thread-safe. Each text is one sequence
   * between end-of-text marks; what a text is (a line, a document) is the caller's choice.
   */
  public static final class Trainer {
    private final Tokenizer tokenizer;
    private final int order;
    /** The byte view that masks, null when not canonical-only. */
    private final TokenBytes mask;
    private final List<int[]> texts = new ArrayList<>();

    private Trainer(Tokenizer tokenizer, int order, TokenBytes mask) {
      this.tokenizer = tokenizer;
      this.order = order;
      this.mask = mask;
    }

    /**
     * Adds one text. Canonical-only, it is read as plain text, as the byte-level reading reads it (a
     * special token's text is ordinary text); otherwise encoded as the tokenizer encodes it.
     */
    public void add(String text) {
      if (mask == null) {
        texts.add(tokenizer.encodeIds(text));
      } else {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        texts.add(mask.encode(bytes, 0, bytes.length));
      }
    }

    /** The texts added so far. */
    public int texts() {
      return texts.size();
    }

    /** The model of the texts added; the trainer may go on collecting for another. */
    public NgramModel train() {
      KneserNeyModel model = KneserNeyModel.train(texts, order, tokenizer.idBound(), mask);
      return new NgramModel(model, tokenizer, mask);
    }
  }

  /** n of the n-grams. */
  public int order() {
    return counts.order();
  }

  /** Whether non-canonical continuations get no mass ({@link #trainer}). */
  public boolean canonicalOnly() {
    return counts.masksInvalid();
  }

  /** How many distinct n-grams of the model's order were seen. */
  public long distinctNgrams() {
    return counts.levels().get(counts.order() - 1).stream().mapToLong(c -> c.words().length).sum();
  }

  /** The counts and discounts, for {@link LanguageModelFile}. */
  KneserNeyModel counts() {
    return counts;
  }
}
