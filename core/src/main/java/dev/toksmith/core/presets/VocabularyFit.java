package dev.toksmith.core.presets;

import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fits a trained BPE vocabulary, custom tokens and whitespace padding to an exact size, counted as
 * Hugging Face's {@code get_vocab_size()} counts: distinct strings over the model's vocabulary and the
 * added tokens, so a custom token that BPE also learned counts once.
 *
 * <p>BPE training is a prefix process: training for a smaller vocabulary gives a prefix of the same
 * merges. So one run for the whole target is cut back to the longest prefix whose tokens, with the
 * custom tokens it did not learn, stay within the target; whitespace padding fills what the corpus
 * could not.
 */
public final class VocabularyFit {
  /**
   * The fitted vocabulary.
   *
   * @param model the BPE model cut to the prefix that fits
   * @param customAdded the custom tokens the model does not hold, to add as added tokens, in order
   * @param customLearned how many custom tokens the model learned itself
   * @param padding whitespace-run tokens to add after the custom ones, in order
   */
  public record Fitted(BpeModel model, List<String> customAdded, int customLearned, List<String> padding) {}

  private VocabularyFit() {}

  /**
   * @param trained a model trained for a vocabulary of at least {@code sizeBeforePadding} (special
   *     tokens first, then the alphabet, then one id per merge that made a new token)
   * @param baseSize tokens before the first merge: special tokens and alphabet
   * @param custom custom tokens, distinct, in the order to add them
   * @param sizeBeforePadding what model and custom tokens should count together
   * @param finalSize what the padding brings the count to, at least {@code sizeBeforePadding}
   * @throws IllegalArgumentException if the base vocabulary and the custom tokens alone exceed {@code sizeBeforePadding}
   */
  public static Fitted fit(BpeModel trained, int baseSize, List<String> custom, int sizeBeforePadding, int finalSize) {
    List<String> tokens = trained.vocabulary().tokensInIdOrder();
    Set<String> customSet = new HashSet<>(custom);
    int missing = custom.size();
    for (int id = 0; id < baseSize; id++) if (customSet.contains(tokens.get(id))) missing--;
    int size = baseSize;
    int count = size + missing;
    if (count > sizeBeforePadding) {
      throw new IllegalArgumentException("vocabulary size " + sizeBeforePadding + " is below " + count + " (" + baseSize
          + " special and byte tokens + " + missing + " custom tokens)");
    }
    List<BpeModel.Merge> merges = new ArrayList<>();
    List<BpeModel.Merge> pending = new ArrayList<>();
    boolean cut = false;
    for (BpeModel.Merge merge : trained.merges()) {
      if (merge.result() != size) {
        // Makes a token that exists already; kept only if a later merge is.
        pending.add(merge);
        continue;
      }
      int next = count + (customSet.contains(tokens.get(merge.result())) ? 0 : 1);
      if (next > sizeBeforePadding) {
        cut = true;
        break;
      }
      merges.addAll(pending);
      pending.clear();
      merges.add(merge);
      size++;
      count = next;
    }
    if (!cut) merges.addAll(pending);

    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    for (int id = 0; id < size; id++) vocab.put(tokens.get(id), id);
    List<String> customAdded = new ArrayList<>();
    for (String token : custom) if (!vocab.containsKey(token)) customAdded.add(token);
    Set<String> taken = new HashSet<>(vocab.keySet());
    taken.addAll(customAdded);
    List<String> padding = padding(taken, finalSize - count);
    BpeOptions options = trained.options();
    return new Fitted(new BpeModel(vocab, merges, options), List.copyOf(customAdded), custom.size() - customAdded.size(), padding);
  }

  /** Runs of n spaces and n newlines, n = 2, 3, ..., alternating, skipping strings already taken. */
  static List<String> padding(Set<String> taken, int needed) {
    List<String> padding = new ArrayList<>();
    for (int n = 2; padding.size() < needed; n++) {
      for (String c : List.of(" ", "\n")) {
        String run = c.repeat(n);
        if (padding.size() < needed && !taken.contains(run)) padding.add(run);
      }
    }
    return List.copyOf(padding);
  }

  /** {@code n} if it is a power of two, else the next power of two above it. */
  public static int powerOfTwoAtLeast(int n) {
    if (n <= 1) return 1;
    int high = Integer.highestOneBit(n);
    if (high == n) return n;
    if (high == 1 << 30) throw new IllegalArgumentException("no int power of two is at least " + n);
    return high << 1;
  }
}
