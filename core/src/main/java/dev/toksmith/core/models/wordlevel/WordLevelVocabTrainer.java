package dev.toksmith.core.models.wordlevel;

import dev.toksmith.core.models.CountedWords;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.longs.LongArrays;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
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
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    for (String special : specialTokens) vocab.putIfAbsent(special, vocab.size());
    for (String word : ranked(counts, Math.max(0, vocabSize - vocab.size()))) vocab.put(word, vocab.size());
    return new WordLevelModel(vocab, unkToken);
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
    long[] sorted = Arrays.copyOf(frequencies, n[0]);
    LongArrays.radixSort(sorted);
    long threshold = sorted[Math.max(0, sorted.length - limit)];

    List<Candidate> candidates = new ArrayList<>();
    counts.forEach((bytes, from, to, count) -> {
      if (count >= minFrequency && count >= threshold && !isSpecial(specials, bytes, from, to)) {
        candidates.add(new Candidate(Arrays.copyOfRange(bytes, from, to), count));
      }
    });
    candidates.sort((a, b) -> a.count != b.count ? Long.compare(b.count, a.count) : Arrays.compareUnsigned(a.bytes, b.bytes));
    List<String> words = new ArrayList<>(Math.min(limit, candidates.size()));
    for (int i = 0; i < Math.min(limit, candidates.size()); i++) words.add(Utf8.decode(candidates.get(i).bytes));
    return words;
  }

  private static boolean isSpecial(List<byte[]> specials, byte[] bytes, int from, int to) {
    for (byte[] special : specials) if (Arrays.equals(special, 0, special.length, bytes, from, to)) return true;
    return false;
  }

  private record Candidate(byte[] bytes, long count) {}
}
