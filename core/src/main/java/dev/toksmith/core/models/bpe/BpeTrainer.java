package dev.toksmith.core.models.bpe;

import dev.toksmith.core.models.CountedWords;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
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
 * alphabet sorted by code point, then (with a continuing-subword prefix) the prefixed alphabet, then
 * one token per merge. The most frequent pair is merged first; equal counts go to the smaller pair of
 * ids. Counts include overlapping pairs ({@code aaa} counts {@code a a} twice), as the reference
 * does.
 *
 * <p>The reference's algorithm, step for step: pair counts are kept up to date incrementally, and a
 * lazy max-heap holds candidate pairs, each with the words it was last seen to gain occurrences in;
 * an entry whose count went stale is put back with the current count rather than merged. Only the
 * order of heap entries equal in both count and pair is left open, as the reference leaves it to its
 * hash maps' iteration order.
 *
 * <p>Two choices the reference leaves to hash order are fixed here: when {@link
 * #withLimitAlphabet} drops some of several characters seen equally often, the larger code points
 * go first; and the prefixed characters ({@link #withContinuingSubwordPrefix}) get their ids in the
 * order of how many distinct words they continue, where the reference gives them in the order it
 * happens to meet them.
 */
public final class BpeTrainer {
  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final List<String> initialAlphabet;
  private final int maxTokenLength;
  private final int limitAlphabet;
  private final String continuingSubwordPrefix;

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
    this(vocabSize, minFrequency, specialTokens, initialAlphabet, maxTokenLength, Integer.MAX_VALUE, null);
  }

  private BpeTrainer(int vocabSize, long minFrequency, List<String> specialTokens, List<String> initialAlphabet, int maxTokenLength, int limitAlphabet, String continuingSubwordPrefix) {
    this.vocabSize = vocabSize;
    this.minFrequency = minFrequency;
    this.specialTokens = List.copyOf(specialTokens);
    this.initialAlphabet = List.copyOf(initialAlphabet);
    this.maxTokenLength = maxTokenLength;
    this.limitAlphabet = limitAlphabet;
    this.continuingSubwordPrefix = continuingSubwordPrefix;
  }

  /**
   * This trainer keeping only the {@code limit} characters seen most often (the initial alphabet
   * counts as seen always), Hugging Face's {@code limit_alphabet}. Characters left out are dropped
   * from the words before merging, as if they were not there.
   */
  public BpeTrainer withLimitAlphabet(int limit) {
    return new BpeTrainer(vocabSize, minFrequency, specialTokens, initialAlphabet, maxTokenLength, limit, continuingSubwordPrefix);
  }

  /**
   * This trainer spelling every character after the first of a word with {@code prefix} (null for
   * none), Hugging Face's {@code continuing_subword_prefix}: {@code ##} makes WordPiece vocabularies.
   * A merged token keeps its left part's prefix and drops its right part's: {@code a} and {@code ##b}
   * make {@code ab}, {@code ##a} and {@code ##b} make {@code ##ab}.
   */
  public BpeTrainer withContinuingSubwordPrefix(String prefix) {
    return new BpeTrainer(vocabSize, minFrequency, specialTokens, initialAlphabet, maxTokenLength, limitAlphabet, prefix);
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

    /**
     * The words of {@code counter} spelled by their code points (an unpaired surrogate's WTF-8 bytes
     * spell that surrogate), in byte order, so that the merges depend only on the counts.
     */
    public static Words ofText(CountedWords counter) {
      Words words = new Words();
      int[][] codePoints = {new int[64]};
      counter.forEachInByteOrder((bytes, from, to, count) -> {
        int length = to - from;
        if (codePoints[0].length < length) codePoints[0] = new int[Math.max(length, 2 * codePoints[0].length)];
        int[] spelling = codePoints[0];
        int n = 0;
        while (n < length && bytes[from + n] >= 0) {
          spelling[n] = bytes[from + n];
          n++;
        }
        if (n < length) {
          String text = Utf8.decode(bytes, from, to);
          n = 0;
          for (int i = 0; i < text.length(); i += Character.charCount(spelling[n++])) spelling[n] = text.codePointAt(i);
        }
        words.add(spelling, n, count);
      });
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
    Int2IntOpenHashMap initialIds = addAlphabet(words, wordToId, idToWord);
    Int2IntOpenHashMap continuingIds = continuingSubwordPrefix == null ? initialIds : addContinuing(words, initialIds, wordToId, idToWord);

    Merger merger = new Merger(words, initialIds, continuingIds, maxTokenLength);
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
      String newToken = idToWord.get(left) + withoutPrefix(idToWord.get(right));
      int newId = wordToId.getInt(newToken);
      if (newId < 0) newId = addToken(newToken, wordToId, idToWord);
      merges.add(new BpeModel.Merge(left, right, newId));
      merger.merge(positions, left, right, newId, idToWord.size());
      progress.merged(merges.size(), target);
    }
    return new Result(wordToId, merges);
  }

  private String withoutPrefix(String token) {
    return continuingSubwordPrefix != null && token.startsWith(continuingSubwordPrefix) ? token.substring(continuingSubwordPrefix.length()) : token;
  }

  private static int addToken(String token, Object2IntOpenHashMap<String> wordToId, List<String> idToWord) {
    int existing = wordToId.getInt(token);
    if (existing >= 0) return existing;
    idToWord.add(token);
    wordToId.put(token, idToWord.size() - 1);
    return idToWord.size() - 1;
  }

  /**
   * Adds the alphabet: every code point seen in the words plus the initial alphabet, or with a limit
   * the most frequent of them, in code point order. Returns the id of every character a word may
   * start with: those, and single-character special tokens, which the reference also lets through.
   */
  private Int2IntOpenHashMap addAlphabet(Words words, Object2IntOpenHashMap<String> wordToId, List<String> idToWord) {
    int[] alphabet = limitAlphabet == Integer.MAX_VALUE ? seenCharacters(words) : mostFrequentCharacters(words);
    Arrays.sort(alphabet);
    Int2IntOpenHashMap ids = new Int2IntOpenHashMap(alphabet.length);
    ids.defaultReturnValue(-1);
    for (int cp : alphabet) ids.put(cp, addToken(new String(Character.toChars(cp)), wordToId, idToWord));
    for (String special : specialTokens) {
      if (special.codePointCount(0, special.length()) == 1) ids.putIfAbsent(special.codePointAt(0), wordToId.getInt(special));
    }
    return ids;
  }

  private int[] seenCharacters(Words words) {
    IntOpenHashSet seen = new IntOpenHashSet();
    for (int i = 0; i < words.symbolCount; i++) seen.add(words.symbols[i]);
    for (String c : initialAlphabet) if (!c.isEmpty()) seen.add(c.codePointAt(0));
    return seen.toIntArray();
  }

  /**
   * The {@link #limitAlphabet} characters seen most often, each occurrence counting its word's count;
   * the initial alphabet counts as seen more often than anything. Of characters seen equally often
   * the smaller code points stay.
   */
  private int[] mostFrequentCharacters(Words words) {
    Int2LongOpenHashMap counts = new Int2LongOpenHashMap();
    for (int w = 0, from = 0; w < words.size; w++) {
      int to = words.ends[w];
      long count = words.counts[w];
      for (int i = from; i < to; i++) counts.addTo(words.symbols[i], count);
      from = to;
    }
    for (String c : initialAlphabet) if (!c.isEmpty()) counts.put(c.codePointAt(0), Long.MAX_VALUE);
    int[] alphabet = counts.keySet().toIntArray();
    if (alphabet.length <= limitAlphabet) return alphabet;
    IntArrays.quickSort(alphabet, (a, b) -> {
      int byCount = Long.compare(counts.get(b), counts.get(a));
      return byCount != 0 ? byCount : Integer.compare(a, b);
    });
    return Arrays.copyOf(alphabet, Math.max(0, limitAlphabet));
  }

  /**
   * Adds the prefixed form of every character that some word has after its first position and
   * returns their ids; characters left out of the alphabet get none. The order is that of the
   * number of distinct words with the character after their first position, most first, then code
   * point order. The reference adds them as it meets them going through the distinct words in hash
   * order, so characters found in many words tend to come first there too, and pairs of such
   * characters win ties of equal counts as they most often do in the reference.
   */
  private Int2IntOpenHashMap addContinuing(Words words, Int2IntOpenHashMap initialIds, Object2IntOpenHashMap<String> wordToId, List<String> idToWord) {
    Int2IntOpenHashMap wordsWith = new Int2IntOpenHashMap();
    Int2IntOpenHashMap lastWord = new Int2IntOpenHashMap();
    lastWord.defaultReturnValue(-1);
    for (int w = 0, from = 0; w < words.size; w++) {
      int to = words.ends[w];
      for (int i = from + 1; i < to; i++) {
        int cp = words.symbols[i];
        if (initialIds.containsKey(cp) && lastWord.put(cp, w) != w) wordsWith.addTo(cp, 1);
      }
      from = to;
    }
    int[] characters = wordsWith.keySet().toIntArray();
    IntArrays.quickSort(characters, (a, b) -> {
      int byWords = Integer.compare(wordsWith.get(b), wordsWith.get(a));
      return byWords != 0 ? byWords : Integer.compare(a, b);
    });
    Int2IntOpenHashMap ids = new Int2IntOpenHashMap(characters.length);
    ids.defaultReturnValue(-1);
    for (int cp : characters) ids.put(cp, addToken(continuingSubwordPrefix + new String(Character.toChars(cp)), wordToId, idToWord));
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

    /**
     * Spells each word in symbol ids: its first character by {@code initialIds}, the others by {@code
     * continuingIds} (the same map without a continuing-subword prefix); characters without an id are
     * left out. Words left with fewer than two symbols have no pairs and are not kept.
     */
    Merger(Words input, Int2IntOpenHashMap initialIds, Int2IntOpenHashMap continuingIds, int maxLength) {
      this.maxLength = maxLength;
      for (int id : initialIds.values()) setLength(id);
      for (int id : continuingIds.values()) setLength(id);
      pairNumbers.defaultReturnValue(-1);
      int[] spelled = new int[input.symbolCount + HEADER * input.size];
      int at = 0;
      for (int w = 0, from = 0; w < input.size; w++) {
        int to = input.ends[w];
        long count = input.counts[w];
        int start = at;
        at += HEADER;
        for (int i = from; i < to; i++) {
          int id = (i == from ? initialIds : continuingIds).get(input.symbols[i]);
          if (id >= 0) spelled[at++] = id;
        }
        from = to;
        int length = at - start - HEADER;
        if (length < 2) {
          at = start;
          continue;
        }
        spelled[start] = length;
        spelled[start + 1] = (int) count;
        spelled[start + 2] = (int) (count >>> 32);
      }
      words = at == spelled.length ? spelled : Arrays.copyOf(spelled, at);
      countInitialPairs();
    }

    private void setLength(int id) {
      if (id >= lengths.length) lengths = Arrays.copyOf(lengths, Math.max(id + 1, 2 * lengths.length));
      lengths[id] = 1;
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
