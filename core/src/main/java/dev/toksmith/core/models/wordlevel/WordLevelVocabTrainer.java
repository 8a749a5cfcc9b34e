package dev.toksmith.core.models.wordlevel;

import dev.toksmith.core.models.CountedWords;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntComparator;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Hugging Face's {@code WordLevelTrainer}: the special tokens, then the words seen at least the
 * minimum frequency, most frequent first and equally frequent ones in code point order (the byte
 * order of their UTF-8), up to the vocabulary size.
 *
 * <p>One difference, on purpose: a word spelled like a special token keeps the special token's id.
 * The reference lists it twice and gives it the later id, which leaves the special token's id unused
 * and the vocabulary one entry short.
 */
public final class WordLevelVocabTrainer {
  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;

  public WordLevelVocabTrainer(int vocabSize, long minFrequency, List<String> specialTokens) {
    this.vocabSize = vocabSize;
    this.minFrequency = minFrequency;
    this.specialTokens = List.copyOf(specialTokens);
  }

  /** Ranks the words in {@code counts}; the model's unknown token is {@code unkToken}. */
  public WordLevelModel train(CountedWords counts, String unkToken) {
    // Ids in order: the special tokens (a repeated one keeps its first id), then the ranked words,
    // which leave the special tokens out.
    List<String> specials = List.copyOf(new LinkedHashSet<>(specialTokens));
    List<String> words = ranked(counts, Math.max(0, vocabSize - specials.size()));
    int size = specials.size() + words.size();
    String[] tokens = new String[size];
    int[] ids = new int[size];
    for (int id = 0; id < size; id++) {
      tokens[id] = id < specials.size() ? specials.get(id) : words.get(id - specials.size());
      ids[id] = id;
    }
    return new WordLevelModel(new Vocabulary(tokens, ids, size), unkToken);
  }

  /**
   * The first {@code limit} words in rank order. Only the words at or above the count of the
   * {@code limit}-th are copied out of the counter, so memory stays near the vocabulary size.
   */
  private List<String> ranked(CountedWords counts, int limit) {
    List<byte[]> specials = new ArrayList<>();
    for (String special : specialTokens) specials.add(Utf8.encode(special));
    long[] frequencies = new long[counts.size()];
    int[] n = {0};
    counts.forEach((bytes, from, to, count) -> {
      if (count >= minFrequency && !isSpecial(specials, bytes, from, to)) frequencies[n[0]++] = count;
    });
    if (limit == 0 || n[0] == 0) return List.of();
    LongArrays.radixSort(frequencies, 0, n[0]);
    long threshold = frequencies[Math.max(0, n[0] - limit)];

    // The words at or above the threshold, sorted by count (descending), then by their first eight
    // bytes, both by radix sort; only words that share those bytes are compared whole.
    int m = 0;
    for (int i = 0; i < n[0]; i++) if (frequencies[i] >= threshold) m++;
    long[] negatedCounts = new long[m];
    long[] heads = new long[m];
    byte[][] candidates = new byte[m][];
    int[] c = {0};
    counts.forEach((bytes, from, to, count) -> {
      if (count >= minFrequency && count >= threshold && !isSpecial(specials, bytes, from, to)) {
        int i = c[0]++;
        negatedCounts[i] = -count;
        heads[i] = head(bytes, from, to) ^ Long.MIN_VALUE; // unsigned order as signed
        candidates[i] = Arrays.copyOfRange(bytes, from, to);
      }
    });
    int[] order = new int[m];
    for (int i = 0; i < m; i++) order[i] = i;
    LongArrays.radixSortIndirect(order, negatedCounts, heads, true);
    for (int start = 0, end; start < m; start = end) {
      end = start + 1;
      while (end < m && negatedCounts[order[end]] == negatedCounts[order[start]] && heads[order[end]] == heads[order[start]]) end++;
      if (end - start > 1) IntArrays.quickSort(order, start, end, new ByBytes(candidates));
    }
    List<String> words = new ArrayList<>(Math.min(limit, m));
    for (int i = 0; i < Math.min(limit, m); i++) words.add(Utf8.decode(candidates[order[i]]));
    return words;
  }

  /**
   * Orders indexes by their words' bytes, unsigned. A class, not a lambda: the launcher's class-data
   * archive holds only the lambdas its small training runs, and a tie of eight bytes is rare there, so
   * a lambda would be spun at run time in nearly every real training.
   */
  private static final class ByBytes implements IntComparator {
    private final byte[][] words;

    ByBytes(byte[][] words) {
      this.words = words;
    }

    @Override
    public int compare(int a, int b) {
      return Arrays.compareUnsigned(words[a], words[b]);
    }
  }

  /** The first eight bytes of a word, big-endian and padded with zeros, which order as the bytes do. */
  private static long head(byte[] bytes, int from, int to) {
    long head = 0;
    for (int k = 0; k < Long.BYTES; k++) head = head << 8 | (from + k < to ? bytes[from + k] & 0xFF : 0);
    return head;
  }

  private static boolean isSpecial(List<byte[]> specials, byte[] bytes, int from, int to) {
    for (byte[] special : specials) if (Arrays.equals(special, 0, special.length, bytes, from, to)) return true;
    return false;
  }

}
