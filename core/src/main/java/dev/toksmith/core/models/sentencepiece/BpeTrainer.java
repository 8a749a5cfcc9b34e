package dev.toksmith.core.models.sentencepiece;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SentencePiece's BPE trainer ({@code bpe_model_trainer.cc}), made fast but learning the same pieces in
 * the same order. Each step takes the adjacent symbol pair with the highest count, among the
 * <em>active</em> pairs: every 100 pieces the active set is renewed as the 5% most frequent of all
 * pairs known (at least 1,000), and pairs a merge creates join it at once. Ties go to the shorter
 * piece, then the smaller in code point order. A pair is a candidate only if the piece it makes is
 * valid ({@link PieceRules}); a pair whose piece repeats an earlier piece's text (made along another
 * split) is dropped without merging. Pieces score minus their rank; the kept characters follow.
 *
 * <p>SentencePiece recounts a pair lazily; this keeps every count exact at all times instead (the
 * same values), and finds the best active pair with a heap rather than by scanning the active set.
 * Where SentencePiece's choice depends on hash and pointer order (which of several pairs tied at the
 * active set's cut-off get in; two pairs spelling the same piece with the same count), this takes the
 * pair that the tie-breaking above prefers, then the one made first.
 */
public final class BpeTrainer {
  private static final int UPDATE_INTERVAL = 100;
  private static final int MIN_ACTIVE = 1000;
  private static final float ACTIVE_SHARE = 0.05f;

  /** Hears how many pieces were learned. */
  @FunctionalInterface
  public interface Progress {
    void pieces(int done, int total);
  }

  private final TrainingWords words;
  private final PieceRules rules;
  private final int firstPair;
  private final int unknown;
  /** The symbol at each position of every word; -1 where a merge emptied it. */
  private final int[] symbols;
  /** Character ids to code points, for comparing pieces. */
  private final int[] codePoints;

  // Pair symbols, by id - firstPair.
  private int[] left = new int[1 << 16];
  private int[] right = new int[1 << 16];
  private int[] length = new int[1 << 16];
  private long[] freq = new long[1 << 16];
  private boolean[] active = new boolean[1 << 16];
  private boolean[] erased = new boolean[1 << 16];
  private IntArrayList[] positions = new IntArrayList[1 << 16];
  private int pairs;
  private final Long2IntOpenHashMap pairIds = new Long2IntOpenHashMap();
  /** Pairs still known, for renewing the active set; erased ones are dropped then. */
  private final IntArrayList known = new IntArrayList();
  private final Heap heap = new Heap();
  private final int[] expandA = new int[512];
  private final int[] expandB = new int[512];

  private BpeTrainer(TrainingWords words, PieceRules rules) {
    this.words = words;
    this.rules = rules;
    unknown = words.unknownId();
    firstPair = unknown + 1;
    symbols = words.chars().clone();
    codePoints = new int[unknown + 1];
    for (int id = 0; id <= unknown; id++) codePoints[id] = words.codePoint(id);
    pairIds.defaultReturnValue(-1);
  }

  /**
   * Learns up to {@code size} pieces of two characters or more and returns them (with scores)
   * followed by the kept characters; fewer when no pair is left.
   */
  public static List<SentencePieceModel.Piece> train(TrainingWords words, PieceRules rules, int size, Progress progress) {
    return new BpeTrainer(words, rules).run(size, progress);
  }

  private List<SentencePieceModel.Piece> run(int size, Progress progress) {
    for (int w = 0; w < words.size(); w++) {
      for (int p = words.start(w) + 1; p < words.start(w + 1); p++) addPair(p - 1, p, words.count(w), null);
    }
    List<SentencePieceModel.Piece> pieces = new ArrayList<>(size + words.alphabetSize());
    Set<String> seen = new HashSet<>();
    IntArrayList created = new IntArrayList();
    while (pieces.size() < size) {
      if (pieces.size() % UPDATE_INTERVAL == 0) renewActive();
      int best = heap.popBest();
      if (best < 0) break;
      String text = text(best);
      if (seen.add(text)) {
        pieces.add(new SentencePieceModel.Piece(text, -(float) pieces.size(), SentencePieceModel.Type.NORMAL));
        progress.pieces(pieces.size(), size);
        created.clear();
        merge(best, created);
        for (int i = 0; i < created.size(); i++) heap.push(created.getInt(i));
      }
      erase(best);
    }
    for (int id = 0; id < words.alphabetSize(); id++) {
      pieces.add(new SentencePieceModel.Piece(new String(Character.toChars(codePoints[id])), -(float) pieces.size(), SentencePieceModel.Type.NORMAL));
    }
    return pieces;
  }

  /** Replaces every occurrence of the pair {@code best}, left to right in each word. */
  private void merge(int best, IntArrayList created) {
    int a = left[best - firstPair];
    int b = right[best - firstPair];
    IntArrayList list = positions[best - firstPair];
    int[] at = list.elements();
    int n = list.size();
    IntArrays.quickSort(at, 0, n);
    int word = 0;
    for (int k = 0; k < n; k++) {
      int p = at[k];
      if (symbols[p] != a) continue;
      word = wordOf(p, word);
      int end = words.start(word + 1);
      int r = nextIndex(p, end);
      if (r < 0 || symbols[r] != b) continue;
      int start = words.start(word);
      int previous = previousIndex(p, start);
      int next = nextIndex(r, end);
      long count = words.count(word);
      if (previous >= 0) forget(previous, p, count, best);
      if (next >= 0) forget(r, next, count, best);
      symbols[p] = best;
      symbols[r] = -1;
      if (previous >= 0) addPair(previous, p, count, created);
      if (next >= 0) addPair(p, next, count, created);
    }
  }

  /** The word holding position {@code p}, searching from word {@code from} on. */
  private int wordOf(int p, int from) {
    int low = from;
    int high = words.size() - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (words.start(mid) <= p) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private int nextIndex(int p, int end) {
    for (int i = p + 1; i < end; i++) if (symbols[i] >= 0) return i;
    return -1;
  }

  private int previousIndex(int p, int start) {
    for (int i = p - 1; i >= start; i--) if (symbols[i] >= 0) return i;
    return -1;
  }

  /** The pair at {@code (l, r)} is no more: one occurrence fewer, unless it is the pair being merged. */
  private void forget(int l, int r, long count, int best) {
    int pair = pairIds.get(key(symbols[l], symbols[r]));
    if (pair >= 0 && pair != best) freq[pair - firstPair] -= count;
  }

  /** Records the adjacent symbols at {@code (l, r)} as an occurrence of their pair, made if new and valid. */
  private void addPair(int l, int r, long count, IntArrayList created) {
    int a = symbols[l];
    int b = symbols[r];
    if (a == unknown || b == unknown) return;
    long key = key(a, b);
    int pair = pairIds.get(key);
    if (pair < 0) {
      int chars = lengthOf(a) + lengthOf(b);
      if (!valid(a, b, chars)) return;
      pair = newPair(a, b, chars);
      pairIds.put(key, pair);
      if (created != null) created.add(pair);
    }
    int i = pair - firstPair;
    positions[i].add(l);
    freq[i] += count;
  }

  private static long key(int a, int b) {
    return (long) a << 32 | (b & 0xFFFFFFFFL);
  }

  private int lengthOf(int symbol) {
    return symbol < firstPair ? 1 : length[symbol - firstPair];
  }

  private boolean valid(int a, int b, int chars) {
    if (chars > expandA.length) return false;
    int n = expand(a, expandA, 0);
    expand(b, expandA, n);
    return rules.isValid(expandA, 0, chars);
  }

  private int newPair(int a, int b, int chars) {
    int i = pairs++;
    if (i == left.length) {
      int grown = 2 * i;
      left = Arrays.copyOf(left, grown);
      right = Arrays.copyOf(right, grown);
      length = Arrays.copyOf(length, grown);
      freq = Arrays.copyOf(freq, grown);
      active = Arrays.copyOf(active, grown);
      erased = Arrays.copyOf(erased, grown);
      positions = Arrays.copyOf(positions, grown);
    }
    left[i] = a;
    right[i] = b;
    length[i] = chars;
    positions[i] = new IntArrayList(4);
    known.add(firstPair + i);
    return firstPair + i;
  }

  private void erase(int pair) {
    int i = pair - firstPair;
    pairIds.remove(key(left[i], right[i]));
    erased[i] = true;
    active[i] = false;
    positions[i] = null;
  }

  /** Writes the character ids of {@code symbol} into {@code out} from {@code at}; returns the position after them. */
  private int expand(int symbol, int[] out, int at) {
    while (symbol >= firstPair) {
      at = expand(left[symbol - firstPair], out, at);
      symbol = right[symbol - firstPair];
    }
    out[at] = symbol;
    return at + 1;
  }

  private String text(int symbol) {
    int n = expand(symbol, expandA, 0);
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) s.appendCodePoint(codePoints[expandA[i]]);
    return s.toString();
  }

  /**
   * SentencePiece's {@code UpdateActiveSymbols}: the active set becomes the most frequent {@code
   * max(1000, 5% of all symbols known)} pairs (characters count among the symbols known, as in its
   * cache).
   */
  private void renewActive() {
    int kept = 0;
    int[] all = known.elements();
    for (int k = 0; k < known.size(); k++) if (!erased[all[k] - firstPair]) all[kept++] = all[k];
    known.size(kept);
    int symbolsKnown = distinctCharacters() + kept;
    int size = Math.min(Math.max(MIN_ACTIVE, (int) (symbolsKnown * ACTIVE_SHARE)), kept);
    for (int k = 0; k < kept; k++) active[all[k] - firstPair] = false;
    int[] chosen = mostFrequent(all, kept, size);
    heap.clear();
    for (int pair : chosen) heap.push(pair);
  }

  private int distinctCharacters = -1;

  /** Characters that occur in the words (the unknown one too), each a symbol of SentencePiece's cache. */
  private int distinctCharacters() {
    if (distinctCharacters < 0) {
      boolean[] seen = new boolean[unknown + 1];
      int count = 0;
      for (int c : words.chars()) {
        if (!seen[c]) {
          seen[c] = true;
          count++;
        }
      }
      distinctCharacters = count;
    }
    return distinctCharacters;
  }

  /** The {@code size} best of {@code pairs[0, n)} by the selection order. */
  private int[] mostFrequent(int[] pairs, int n, int size) {
    if (size == 0) return new int[0];
    long[] counts = new long[n];
    for (int k = 0; k < n; k++) counts[k] = freq[pairs[k] - firstPair];
    long[] sorted = counts.clone();
    LongArrays.quickSort(sorted);
    long threshold = sorted[n - size];
    IntArrayList chosen = new IntArrayList(size);
    IntArrayList tied = new IntArrayList();
    for (int k = 0; k < n; k++) {
      if (counts[k] > threshold) {
        chosen.add(pairs[k]);
      } else if (counts[k] == threshold) {
        tied.add(pairs[k]);
      }
    }
    int[] ties = tied.toIntArray();
    IntArrays.quickSort(ties, this::compare);
    for (int k = 0; chosen.size() < size; k++) chosen.add(ties[k]);
    return chosen.toIntArray();
  }

  /** Selection order: count descending, then shorter, then smaller in code point order, then made first. */
  private int compare(int x, int y) {
    return compare(x, freq[x - firstPair], y, freq[y - firstPair]);
  }

  private int compare(int x, long fx, int y, long fy) {
    if (fx != fy) return fx > fy ? -1 : 1;
    int lx = length[x - firstPair];
    int ly = length[y - firstPair];
    if (lx != ly) return Integer.compare(lx, ly);
    int n = expand(x, expandA, 0);
    expand(y, expandB, 0);
    for (int i = 0; i < n; i++) {
      if (expandA[i] != expandB[i]) return Integer.compare(codePoints[expandA[i]], codePoints[expandB[i]]);
    }
    return Integer.compare(x, y);
  }

  /**
   * A max-heap of active pairs by the count they had when pushed. Counts only fall after a pair is
   * pushed, so an entry whose count is out of date is pushed again with the current one when it
   * comes to the top, and the first up-to-date top is the best active pair.
   */
  private final class Heap {
    private int[] pairs = new int[1024];
    private long[] counts = new long[1024];
    private int size;

    void clear() {
      size = 0;
    }

    void push(int pair) {
      active[pair - firstPair] = true;
      if (size == pairs.length) {
        pairs = Arrays.copyOf(pairs, 2 * size);
        counts = Arrays.copyOf(counts, 2 * size);
      }
      int i = size++;
      pairs[i] = pair;
      counts[i] = freq[pair - firstPair];
      siftUp(i);
    }

    /** The best active pair, taken out of the heap, or -1 if none is left. */
    int popBest() {
      while (size > 0) {
        int pair = pairs[0];
        long count = counts[0];
        removeTop();
        int i = pair - firstPair;
        if (!active[i] || erased[i]) continue;
        if (count != freq[i]) {
          push(pair);
          continue;
        }
        return pair;
      }
      return -1;
    }

    private void removeTop() {
      size--;
      if (size == 0) return;
      pairs[0] = pairs[size];
      counts[0] = counts[size];
      siftDown(0);
    }

    private boolean before(int i, int j) {
      return compare(pairs[i], counts[i], pairs[j], counts[j]) < 0;
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(i, parent)) return;
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) return;
        int best = l + 1 < size && before(l + 1, l) ? l + 1 : l;
        if (!before(best, i)) return;
        swap(i, best);
        i = best;
      }
    }

    private void swap(int i, int j) {
      int p = pairs[i];
      pairs[i] = pairs[j];
      pairs[j] = p;
      long c = counts[i];
      counts[i] = counts[j];
      counts[j] = c;
    }
  }
}
