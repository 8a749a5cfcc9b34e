package dev.toksmith.core.models.bpe;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Learns BPE merges from word counts exactly as Hugging Face's {@code BpeTrainer} does, so that the
 * same words and settings give the same vocabulary and merges: special tokens first, then the
 * alphabet sorted by code point, then one token per merge. The most frequent pair is merged first;
 * equal counts go to the smaller pair of ids. Counts include overlapping pairs ({@code aaa} counts
 * {@code a a} twice), as the reference does.
 */
public final class BpeTrainer {
  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final List<String> initialAlphabet;
  private final int maxTokenLength;

  /** Reports merges as they are learned: done out of at most total. */
  @FunctionalInterface
  public interface MergeProgress {
    void merged(int done, int total);
  }

  /**
   * @param vocabSize size of the final vocabulary, special tokens and alphabet included
   * @param minFrequency pairs seen fewer times are never merged
   * @param specialTokens placed first, ids 0..k-1
   * @param initialAlphabet single characters always in the vocabulary, seen or not
   */
  public BpeTrainer(int vocabSize, long minFrequency, List<String> specialTokens, List<String> initialAlphabet) {
    this(vocabSize, minFrequency, specialTokens, initialAlphabet, Integer.MAX_VALUE);
  }

  /**
   * @param maxTokenLength no pair is merged into a token longer than this many alphabet symbols
   *     (Hugging Face's {@code max_token_length} is one more: it keeps pairs shorter than it); at
   *     least 2, since pairs of single symbols are always candidates there
   */
  public BpeTrainer(int vocabSize, long minFrequency, List<String> specialTokens, List<String> initialAlphabet, int maxTokenLength) {
    this.vocabSize = vocabSize;
    this.minFrequency = minFrequency;
    this.specialTokens = List.copyOf(specialTokens);
    this.initialAlphabet = List.copyOf(initialAlphabet);
    this.maxTokenLength = maxTokenLength;
  }

  /** The learned vocabulary (token to id) and merges in rank order. */
  public record Result(Object2IntOpenHashMap<String> vocab, List<BpeModel.Merge> merges) {}

  /** A pair queued for merging; {@code positions} lists words that may contain it. */
  private static final class Candidate {
    final long pair;
    long count;
    final IntOpenHashSet positions;

    Candidate(long pair, long count, IntOpenHashSet positions) {
      this.pair = pair;
      this.count = count;
      this.positions = positions;
    }
  }

  /** Highest count first; among equal counts the smaller pair (by left id, then right id). */
  private static final Comparator<Candidate> ORDER =
      Comparator.<Candidate>comparingLong(c -> c.count).reversed().thenComparingLong(c -> c.pair);

  /** Trains on {@code wordCounts}: words spelled in the model's alphabet, with their frequencies. */
  public Result train(Object2LongMap<String> wordCounts, MergeProgress progress) {
    Object2IntOpenHashMap<String> wordToId = new Object2IntOpenHashMap<>();
    wordToId.defaultReturnValue(-1);
    List<String> idToWord = new ArrayList<>();
    for (String special : specialTokens) addToken(special, wordToId, idToWord);
    addAlphabet(wordCounts, wordToId, idToWord);

    int[][] words = new int[wordCounts.size()][];
    long[] counts = new long[wordCounts.size()];
    int w = 0;
    for (Object2LongMap.Entry<String> e : wordCounts.object2LongEntrySet()) {
      String word = e.getKey();
      IntArrayList symbols = new IntArrayList(word.length());
      for (int i = 0; i < word.length(); ) {
        int cp = word.codePointAt(i);
        int id = wordToId.getInt(new String(Character.toChars(cp)));
        if (id >= 0) symbols.add(id);
        i += Character.charCount(cp);
      }
      words[w] = symbols.toIntArray();
      counts[w++] = e.getLongValue();
    }

    Long2LongOpenHashMap pairCounts = new Long2LongOpenHashMap();
    Long2ObjectOpenHashMap<IntOpenHashSet> whereToUpdate = new Long2ObjectOpenHashMap<>();
    for (int i = 0; i < words.length; i++) {
      int[] word = words[i];
      for (int k = 0; k + 1 < word.length; k++) {
        long pair = pair(word[k], word[k + 1]);
        pairCounts.addTo(pair, counts[i]);
        whereToUpdate.computeIfAbsent(pair, p -> new IntOpenHashSet()).add(i);
      }
    }
    PriorityQueue<Candidate> queue = new PriorityQueue<>(Math.max(1, whereToUpdate.size()), ORDER);
    enqueue(whereToUpdate, pairCounts, queue);

    List<BpeModel.Merge> merges = new ArrayList<>();
    int target = Math.max(0, vocabSize - wordToId.size());
    List<long[]> changes = new ArrayList<>();
    while (wordToId.size() < vocabSize && !queue.isEmpty()) {
      Candidate top = queue.poll();
      long current = pairCounts.get(top.pair);
      if (top.count != current) {
        // Counts dropped since this entry was queued: requeue it with the current count.
        top.count = current;
        queue.add(top);
        continue;
      }
      if (top.count < 1 || minFrequency > top.count) break;
      int left = (int) (top.pair >>> 32);
      int right = (int) top.pair;
      String newToken = idToWord.get(left) + idToWord.get(right);
      int newId = wordToId.getInt(newToken);
      if (newId < 0) newId = addToken(newToken, wordToId, idToWord);
      merges.add(new BpeModel.Merge(left, right, newId));

      changes.clear();
      var it = top.positions.iterator();
      while (it.hasNext()) {
        int i = it.nextInt();
        words[i] = merge(words[i], left, right, newId, i, changes);
      }
      for (long[] change : changes) {
        long pair = change[0];
        int delta = (int) change[1];
        int word = (int) change[2];
        // As the reference: a pair that would make a too-long token never gains, but still loses.
        if (delta > 0 && maxTokenLength < Integer.MAX_VALUE && symbols(idToWord, (int) (pair >>> 32)) + symbols(idToWord, (int) pair) > maxTokenLength) continue;
        pairCounts.addTo(pair, delta * counts[word]);
        if (delta > 0) whereToUpdate.computeIfAbsent(pair, p -> new IntOpenHashSet()).add(word);
      }
      enqueue(whereToUpdate, pairCounts, queue);
      progress.merged(merges.size(), target);
    }
    return new Result(wordToId, merges);
  }

  private static int symbols(List<String> idToWord, int id) {
    String token = idToWord.get(id);
    return token.codePointCount(0, token.length());
  }

  private static long pair(int left, int right) {
    return ((long) left << 32) | right;
  }

  private static int addToken(String token, Object2IntOpenHashMap<String> wordToId, List<String> idToWord) {
    int existing = wordToId.getInt(token);
    if (existing >= 0) return existing;
    idToWord.add(token);
    wordToId.put(token, idToWord.size() - 1);
    return idToWord.size() - 1;
  }

  /** Every character seen in the words plus the initial alphabet, in code point order. */
  private void addAlphabet(Object2LongMap<String> wordCounts, Object2IntOpenHashMap<String> wordToId, List<String> idToWord) {
    TreeMap<Integer, Boolean> alphabet = new TreeMap<>();
    for (String word : wordCounts.keySet()) word.codePoints().forEach(cp -> alphabet.put(cp, Boolean.TRUE));
    for (String c : initialAlphabet) c.codePoints().limit(1).forEach(cp -> alphabet.put(cp, Boolean.TRUE));
    for (int cp : alphabet.keySet()) addToken(new String(Character.toChars(cp)), wordToId, idToWord);
  }

  /** Queues each pair that gained occurrences, with its total count, then forgets them. */
  private static void enqueue(Long2ObjectOpenHashMap<IntOpenHashSet> whereToUpdate, Long2LongOpenHashMap pairCounts, PriorityQueue<Candidate> queue) {
    for (var e : whereToUpdate.long2ObjectEntrySet()) {
      long count = pairCounts.get(e.getLongKey());
      if (count > 0) queue.add(new Candidate(e.getLongKey(), count, e.getValue()));
    }
    whereToUpdate.clear();
  }

  /**
   * Replaces non-overlapping occurrences of {@code left right}, left to right, and records how pair
   * counts change as (pair, delta, word) triples: the neighbours' old pairs lose one, new pairs with
   * the merged symbol gain one. The merged pair itself is not decremented, as in the reference.
   */
  private static int[] merge(int[] word, int left, int right, int replacement, int wordIndex, List<long[]> changes) {
    int n = word.length;
    int[] out = null;
    int o = 0;
    int i = 0;
    while (i < n) {
      if (word[i] == left && i + 1 < n && word[i + 1] == right) {
        if (out == null) {
          out = new int[n - 1];
          System.arraycopy(word, 0, out, 0, i);
          o = i;
        }
        if (o > 0) {
          changes.add(new long[] {pair(out[o - 1], left), -1, wordIndex});
          changes.add(new long[] {pair(out[o - 1], replacement), 1, wordIndex});
        }
        out[o++] = replacement;
        if (i + 2 < n) {
          changes.add(new long[] {pair(right, word[i + 2]), -1, wordIndex});
          changes.add(new long[] {pair(replacement, word[i + 2]), 1, wordIndex});
        }
        i += 2;
      } else {
        if (out != null) out[o++] = word[i];
        i++;
      }
    }
    return out == null ? word : java.util.Arrays.copyOf(out, o);
  }
}
