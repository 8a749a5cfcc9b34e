package dev.toksmith.core.models.bpe;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Learns BPE merges from word counts exactly as Hugging Face's {@code BpeTrainer} does, so that the
 * same words and settings give the same vocabulary and merges: special tokens first, then the
 * alphabet sorted by code point, then one token per merge. The most frequent pair is merged first;
 * equal counts go to the smaller pair of ids. Counts include overlapping pairs ({@code aaa} counts
 * {@code a a} twice), as the reference does.
 *
 * <p>The reference's algorithm, step for step: pair counts are kept up to date incrementally, and a
 * lazy max-heap holds candidate pairs, each with the words it was last seen to gain occurrences in;
 * an entry whose count went stale is put back with the current count rather than merged. Only the
 * order of heap entries equal in both count and pair is left open, as the reference leaves it to its
 * hash maps' iteration order.
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

  /**
   * Words to learn from, each a sequence of symbols (code points of the model's alphabet) with how
   * often it occurred; stored back to back in plain arrays. Each word is added once.
   */
  public static final class Words {
    private int[] symbols = new int[1 << 10];
    private int symbolCount;
    private int[] ends = new int[1 << 8];
    private long[] counts = new long[1 << 8];
    private int size;

    /** The words of {@code wordCounts}, spelled by their code points. */
    public static Words of(Object2LongMap<String> wordCounts) {
      Words words = new Words();
      int[] codePoints = new int[16];
      for (Object2LongMap.Entry<String> e : wordCounts.object2LongEntrySet()) {
        String word = e.getKey();
        if (codePoints.length < word.length()) codePoints = new int[word.length()];
        int n = 0;
        for (int i = 0; i < word.length(); i += Character.charCount(codePoints[n++])) codePoints[n] = word.codePointAt(i);
        words.add(codePoints, n, e.getLongValue());
      }
      return words;
    }

    /** Adds the word {@code codePoints[0, length)}, seen {@code count} times. */
    public void add(int[] codePoints, int length, long count) {
      if (symbolCount + length > symbols.length) symbols = Arrays.copyOf(symbols, Math.max(symbolCount + length, symbols.length * 2));
      System.arraycopy(codePoints, 0, symbols, symbolCount, length);
      symbolCount += length;
      if (size == ends.length) {
        ends = Arrays.copyOf(ends, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      ends[size] = symbolCount;
      counts[size++] = count;
    }

    /** How many words were added. */
    public int size() {
      return size;
    }
  }

  /** Trains on {@code words}, spelled in the model's alphabet. */
  public Result train(Words words, MergeProgress progress) {
    Object2IntOpenHashMap<String> wordToId = new Object2IntOpenHashMap<>();
    wordToId.defaultReturnValue(-1);
    List<String> idToWord = new ArrayList<>();
    for (String special : specialTokens) addToken(special, wordToId, idToWord);
    Int2IntOpenHashMap symbolIds = addAlphabet(words, wordToId, idToWord);

    Merger merger = new Merger(words, symbolIds, maxTokenLength);
    List<BpeModel.Merge> merges = new ArrayList<>();
    int target = Math.max(0, vocabSize - wordToId.size());
    while (wordToId.size() < vocabSize && merger.heapSize > 0) {
      int pair = merger.heapPair[0];
      long queued = merger.heapCount[0];
      int[] positions = merger.heapPositions[0];
      merger.pop();
      long current = merger.pairCount[pair];
      if (queued != current) {
        // Counts dropped since this entry was queued: requeue it with the current count.
        merger.push(current, pair, positions);
        continue;
      }
      if (current < 1 || minFrequency > current) break;
      int left = (int) (merger.pairKey[pair] >>> 32);
      int right = (int) merger.pairKey[pair];
      String newToken = idToWord.get(left) + idToWord.get(right);
      int newId = wordToId.getInt(newToken);
      if (newId < 0) newId = addToken(newToken, wordToId, idToWord);
      merges.add(new BpeModel.Merge(left, right, newId));
      merger.merge(positions, left, right, newId, idToWord.size());
      progress.merged(merges.size(), target);
    }
    return new Result(wordToId, merges);
  }

  private static int addToken(String token, Object2IntOpenHashMap<String> wordToId, List<String> idToWord) {
    int existing = wordToId.getInt(token);
    if (existing >= 0) return existing;
    idToWord.add(token);
    wordToId.put(token, idToWord.size() - 1);
    return idToWord.size() - 1;
  }

  /**
   * Adds every code point seen in the words plus the initial alphabet, in code point order, and
   * returns each one's id.
   */
  private Int2IntOpenHashMap addAlphabet(Words words, Object2IntOpenHashMap<String> wordToId, List<String> idToWord) {
    IntOpenHashSet seen = new IntOpenHashSet();
    for (int i = 0; i < words.symbolCount; i++) seen.add(words.symbols[i]);
    for (String c : initialAlphabet) if (!c.isEmpty()) seen.add(c.codePointAt(0));
    int[] alphabet = seen.toIntArray();
    Arrays.sort(alphabet);
    Int2IntOpenHashMap ids = new Int2IntOpenHashMap(alphabet.length);
    for (int cp : alphabet) ids.put(cp, addToken(new String(Character.toChars(cp)), wordToId, idToWord));
    return ids;
  }

  /**
   * The words as symbol ids, the pair counts and the heap of candidate pairs. Pairs get dense
   * numbers in the order first seen, so that their counts and bookkeeping live in arrays.
   */
  private static final class Merger {
    /**
     * All words back to back, each a header (length, then count as two ints) and its symbols, so that
     * merging in a word touches one place in memory. A word is named by where its header starts;
     * heap entries list words by these offsets.
     */
    final int[] words;
    static final int HEADER = 3;

    final Long2IntOpenHashMap pairNumbers = new Long2IntOpenHashMap();
    long[] pairKey = new long[1 << 12];
    long[] pairCount = new long[1 << 12];
    int pairs;

    /** The words in which pairs gained occurrences during the current merge. */
    int[] gainedAtMerge = new int[1 << 12];
    int[] gainedSlot = new int[1 << 12];
    int[] gainedPairs = new int[64];
    IntArrayList[] gainedWords = new IntArrayList[64];
    int gained;
    int mergeNumber;
    final NeighbourPairs beforeLeft = new NeighbourPairs();
    final NeighbourPairs afterRight = new NeighbourPairs();
    final NeighbourPairs beforeReplacement = new NeighbourPairs();
    final NeighbourPairs afterReplacement = new NeighbourPairs();

    /** Binary max-heap by count, then by smaller pair; parallel arrays. */
    long[] heapCount = new long[1 << 12];
    int[] heapPair = new int[1 << 12];
    int[][] heapPositions = new int[1 << 12][];
    int heapSize;

    /** Longest token a merge may make, in alphabet symbols; {@link #lengths} of every token so far. */
    final int maxLength;
    int[] lengths = new int[1 << 12];

    Merger(Words input, Int2IntOpenHashMap symbolIds, int maxLength) {
      this.maxLength = maxLength;
      for (int id : symbolIds.values()) {
        if (id >= lengths.length) lengths = Arrays.copyOf(lengths, Math.max(id + 1, 2 * lengths.length));
        lengths[id] = 1;
      }
      pairNumbers.defaultReturnValue(-1);
      words = new int[input.symbolCount + HEADER * input.size];
      for (int w = 0, from = 0, at = 0; w < input.size; w++) {
        int to = input.ends[w];
        long count = input.counts[w];
        words[at++] = to - from;
        words[at++] = (int) count;
        words[at++] = (int) (count >>> 32);
        for (int i = from; i < to; i++) words[at++] = symbolIds.get(input.symbols[i]);
        from = to;
      }
      countInitialPairs();
    }

    private long countOf(int word) {
      return words[word + 1] & 0xFFFFFFFFL | (long) words[word + 2] << 32;
    }

    /** Counts every pair, lists the words each occurs in (in word order), and heaps them all. */
    private void countInitialPairs() {
      for (int w = 0; w < words.length; w += HEADER + words[w]) countPairs(w);
      // Each pair's words, in two passes: how many, then which.
      int[] lastWord = new int[pairs];
      Arrays.fill(lastWord, -1);
      int[] wordsWithPair = new int[pairs];
      for (int w = 0; w < words.length; w += HEADER + words[w]) listWord(w, lastWord, wordsWithPair, null);
      int[][] positions = new int[pairs][];
      for (int p = 0; p < pairs; p++) positions[p] = new int[wordsWithPair[p]];
      Arrays.fill(lastWord, -1);
      Arrays.fill(wordsWithPair, 0);
      for (int w = 0; w < words.length; w += HEADER + words[w]) listWord(w, lastWord, wordsWithPair, positions);
      ensureHeapCapacity(pairs);
      for (int p = 0; p < pairs; p++) {
        if (pairCount[p] > 0) set(heapSize++, pairCount[p], p, positions[p]);
      }
      for (int i = heapSize / 2 - 1; i >= 0; i--) siftDown(i);
    }

    private void countPairs(int w) {
      int end = w + HEADER + words[w];
      long count = countOf(w);
      for (int k = w + HEADER; k + 1 < end; k++) {
        int pair = numberOf(key(words[k], words[k + 1])); // first: numbering may grow pairCount
        pairCount[pair] += count;
      }
    }

    /** Counts word {@code w} once for each pair in it, or lists it in {@code positions} when given. */
    private void listWord(int w, int[] lastWord, int[] wordsWithPair, int[][] positions) {
      int end = w + HEADER + words[w];
      for (int k = w + HEADER; k + 1 < end; k++) {
        int pair = pairNumbers.get(key(words[k], words[k + 1]));
        if (lastWord[pair] == w) continue;
        lastWord[pair] = w;
        if (positions != null) positions[pair][wordsWithPair[pair]] = w;
        wordsWithPair[pair]++;
      }
    }

    /**
     * Merges {@code left right} into {@code replacement} in the listed words, updates the pair counts,
     * and queues every pair that gained occurrences with the words it gained them in. Symbols are
     * below {@code tokens}.
     */
    void merge(int[] positions, int left, int right, int replacement, int tokens) {
      mergeNumber++;
      gained = 0;
      if (lengths.length < tokens) lengths = Arrays.copyOf(lengths, Math.max(tokens, 2 * lengths.length));
      lengths[replacement] = lengths[left] + lengths[right];
      beforeLeft.ensureCapacity(tokens);
      afterRight.ensureCapacity(tokens);
      beforeReplacement.ensureCapacity(tokens);
      afterReplacement.ensureCapacity(tokens);
      for (int w : positions) mergeWord(w, left, right, replacement);
      for (int g = 0; g < gained; g++) {
        int pair = gainedPairs[g];
        if (pairCount[pair] > 0) push(pairCount[pair], pair, gainedWords[g].toIntArray());
      }
    }

    /**
     * Hugging Face's {@code Word::merge}: replaces the non-overlapping occurrences left to right, in
     * place. The neighbours' old pairs lose the word's count and the new pairs with the replacement
     * gain it; the merged pair itself keeps its count, as in the reference.
     */
    private void mergeWord(int w, int left, int right, int replacement) {
      int[] symbols = words;
      int start = w + HEADER;
      int end = start + symbols[w];
      long count = countOf(w);
      int out = start;
      int i = start;
      while (i < end) {
        if (symbols[i] == left && i + 1 < end && symbols[i + 1] == right) {
          if (out > start) {
            int before = symbols[out - 1];
            lose(beforeLeft.number(before, key(before, left)), count);
            if (fits(before, replacement)) gain(beforeReplacement.number(before, key(before, replacement)), count, w);
          }
          symbols[out++] = replacement;
          if (i + 2 < end) {
            int after = symbols[i + 2];
            lose(afterRight.number(after, key(right, after)), count);
            if (fits(replacement, after)) gain(afterReplacement.number(after, key(replacement, after)), count, w);
          }
          i += 2;
        } else {
          symbols[out++] = symbols[i++];
        }
      }
      symbols[w] = out - start;
    }

    /**
     * The numbers of the pairs that one symbol of the current merge forms with each neighbour,
     * remembered for the rest of that merge: its occurrences share few neighbours, so this saves
     * most lookups in {@link #pairNumbers}.
     */
    private final class NeighbourPairs {
      private int[] mergeSeen = new int[0];
      private int[] numbers = new int[0];

      void ensureCapacity(int tokens) {
        if (mergeSeen.length >= tokens) return;
        int grown = Math.max(tokens, 2 * mergeSeen.length);
        mergeSeen = Arrays.copyOf(mergeSeen, grown);
        numbers = Arrays.copyOf(numbers, grown);
      }

      int number(int neighbour, long key) {
        if (mergeSeen[neighbour] == mergeNumber) return numbers[neighbour];
        int pair = numberOf(key);
        mergeSeen[neighbour] = mergeNumber;
        numbers[neighbour] = pair;
        return pair;
      }
    }

    /** As the reference: a pair that would make a too-long token never gains, though it still loses. */
    private boolean fits(int a, int b) {
      return maxLength == Integer.MAX_VALUE || lengths[a] + lengths[b] <= maxLength;
    }

    private void lose(int pair, long count) {
      pairCount[pair] -= count;
    }

    private void gain(int pair, long count, int w) {
      pairCount[pair] += count;
      if (gainedAtMerge[pair] != mergeNumber) {
        gainedAtMerge[pair] = mergeNumber;
        if (gained == gainedPairs.length) {
          gainedPairs = Arrays.copyOf(gainedPairs, gained * 2);
          gainedWords = Arrays.copyOf(gainedWords, gained * 2);
        }
        gainedSlot[pair] = gained;
        gainedPairs[gained] = pair;
        if (gainedWords[gained] == null) gainedWords[gained] = new IntArrayList();
        else gainedWords[gained].clear();
        gained++;
      }
      IntArrayList list = gainedWords[gainedSlot[pair]];
      // A word's changes come together, so a repeat is always the last one listed.
      if (list.isEmpty() || list.getInt(list.size() - 1) != w) list.add(w);
    }

    /** The number of pair {@code key}, numbering it if new. */
    private int numberOf(long key) {
      int pair = pairNumbers.putIfAbsent(key, pairs);
      if (pair >= 0) return pair;
      if (pairs == pairKey.length) {
        int capacity = pairs * 2;
        pairKey = Arrays.copyOf(pairKey, capacity);
        pairCount = Arrays.copyOf(pairCount, capacity);
        gainedAtMerge = Arrays.copyOf(gainedAtMerge, capacity);
        gainedSlot = Arrays.copyOf(gainedSlot, capacity);
      }
      pairKey[pairs] = key;
      return pairs++;
    }

    void push(long count, int pair, int[] positions) {
      ensureHeapCapacity(heapSize + 1);
      int i = heapSize++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(count, pair, heapCount[parent], heapPair[parent])) break;
        set(i, heapCount[parent], heapPair[parent], heapPositions[parent]);
        i = parent;
      }
      set(i, count, pair, positions);
    }

    void pop() {
      int last = --heapSize;
      set(0, heapCount[last], heapPair[last], heapPositions[last]);
      heapPositions[last] = null;
      if (heapSize > 0) siftDown(0);
    }

    private void siftDown(int i) {
      long count = heapCount[i];
      int pair = heapPair[i];
      int[] positions = heapPositions[i];
      int half = heapSize >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        if (right < heapSize && before(heapCount[right], heapPair[right], heapCount[child], heapPair[child])) child = right;
        if (!before(heapCount[child], heapPair[child], count, pair)) break;
        set(i, heapCount[child], heapPair[child], heapPositions[child]);
        i = child;
      }
      set(i, count, pair, positions);
    }

    /** Whether entry (count a, pair a) comes out of the heap before (count b, pair b). */
    private boolean before(long countA, int pairA, long countB, int pairB) {
      if (countA != countB) return countA > countB;
      return pairKey[pairA] < pairKey[pairB];
    }

    private void set(int i, long count, int pair, int[] positions) {
      heapCount[i] = count;
      heapPair[i] = pair;
      heapPositions[i] = positions;
    }

    private void ensureHeapCapacity(int capacity) {
      if (capacity <= heapCount.length) return;
      int grown = Math.max(capacity, heapCount.length * 2);
      heapCount = Arrays.copyOf(heapCount, grown);
      heapPair = Arrays.copyOf(heapPair, grown);
      heapPositions = Arrays.copyOf(heapPositions, grown);
    }

    private static long key(int left, int right) {
      return (long) left << 32 | right;
    }
  }
}
