package dev.toksmith.core.models.sentencepiece;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

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
 * pair that the tie-breaking above prefers, then the one whose split has the shorter left part, so that
 * the result never depends on the order of the words.
 *
 * <p>A merge mostly waits on memory: it reads the symbols at its pair's positions, spread over the
 * whole array. On two threads or more, a merge with many positions has them scanned and rewritten
 * in two halves at a word boundary, one per thread, and the pair counts are then updated on one
 * thread in position order, so that pairs are made and counted as on one thread. The first pairs
 * (of characters) are found and their positions listed by both threads too, each in half the words.
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
  /** No pair of these symbols known yet (the map's default). */
  private static final int NONE = -1;
  /** The symbols make no valid piece (remembered, so that validity is checked once per pair). */
  private static final int INVALID = -2;
  /** The symbols just before and just after the pair being merged; see {@link Neighbours}. */
  private final Neighbours before = new Neighbours();
  private final Neighbours after = new Neighbours();
  private int stamp;

  /** An emptied position: its symbol merged into the one before. */
  private static final int EMPTY = -1;

  /** The symbol at each position of every word, {@link #EMPTY} where a merge emptied it, and a header cell (below -1) before each word. */
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
  /** How far back {@link #wordAt} looks for a header cell before it searches. */
  private static final int NEAR = 24;
  /** Words per entry of {@link #coarseStarts}. */
  private static final int COARSE = 64;
  /** The start of every {@value #COARSE}th word. */
  private final int[] coarseStarts;
  private final int[] expandA = new int[512];
  private final int[] expandB = new int[512];

  private BpeTrainer(TrainingWords words, PieceRules rules) {
    this.words = words;
    this.rules = rules;
    unknown = words.unknownId();
    firstPair = unknown + 1;
    symbols = words.chars();
    codePoints = new int[unknown + 1];
    for (int id = 0; id <= unknown; id++) codePoints[id] = words.codePoint(id);
    pairIds.defaultReturnValue(NONE);
    coarseStarts = new int[Math.max(1, (words.size() + COARSE - 1) / COARSE)];
    for (int i = 0; i < coarseStarts.length; i++) coarseStarts[i] = words.size() == 0 ? 0 : words.start(i * COARSE);
  }

  /**
   * Learns up to {@code size} pieces of two characters or more and returns them (with scores)
   * followed by the kept characters; fewer when no pair is left. The words' character array is
   * merged in place: {@code words} serves no other training afterwards.
   */
  public static List<SentencePieceModel.Piece> train(TrainingWords words, PieceRules rules, int size, Progress progress) {
    return train(words, rules, size, 1, progress);
  }

  /**
   * {@link #train(TrainingWords, PieceRules, int, Progress)} with the large merges' scans split over
   * two threads when {@code threads} is 2 or more; the pieces are the same for any number.
   */
  public static List<SentencePieceModel.Piece> train(TrainingWords words, PieceRules rules, int size, int threads, Progress progress) {
    BpeTrainer trainer = new BpeTrainer(words, rules);
    if (threads < 2) return trainer.run(size, progress);
    try (Helper helper = trainer.new Helper()) {
      trainer.helper = helper;
      return trainer.run(size, progress);
    }
  }

  private List<SentencePieceModel.Piece> run(int size, Progress progress) {
    addFirstPairs();
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

  /**
   * Finds every pair of adjacent characters and its positions, in word order, in two passes over the
   * words, each split at a word boundary between this thread and the helper when there is one: the
   * first counts each part's occurrences of each pair, which gives every pair its exact list (the
   * lists are the largest part of memory) and each part its place in it; the second writes the
   * positions there. Pairs are numbered in the order of their characters' ids.
   */
  private void addFirstPairs() {
    int n = words.size();
    FirstPairs first = new FirstPairs(0, helper == null ? n : n / 2);
    FirstPairs second = new FirstPairs(first.toWord, n);
    inBoth(first::count, second::count);
    LongOpenHashSet seen = new LongOpenHashSet(first.keys.size() + second.keys.size());
    seen.addAll(first.keys);
    seen.addAll(second.keys);
    long[] keys = seen.toLongArray();
    Arrays.sort(keys);
    for (long key : keys) pairOf((int) (key >>> 32), (int) key, null);
    int[] sizes = new int[pairs];
    int[] secondFrom = new int[pairs];
    first.reserve(sizes, null);
    second.reserve(sizes, secondFrom);
    for (int i = 0; i < pairs; i++) positions[i] = IntArrayList.wrap(new int[sizes[i]], sizes[i]);
    inBoth(() -> first.place(new int[pairs]), () -> second.place(secondFrom));
  }

  /** Runs {@code mine} on this thread and {@code other} on the helper, or both here without one; returns when both are done. */
  private void inBoth(Runnable mine, Runnable other) {
    if (helper == null) {
      mine.run();
      other.run();
      return;
    }
    helper.start(other);
    mine.run();
    helper.await();
  }

  /**
   * One part's pairs of adjacent characters: a pair of the first {@value #DENSE} characters (the
   * most frequent: ids are ranked by count) is found in a table, others in a map.
   */
  private final class FirstPairs {
    final int fromWord;
    final int toWord;
    /** The pair keys this part holds, by local index. */
    final LongArrayList keys = new LongArrayList();
    private int[] occurrences = new int[1024];
    private long[] counts = new long[1024];
    private final int dense = Math.min(unknown, DENSE);
    private final int[] denseIndex = new int[dense * dense];
    private final Long2IntOpenHashMap sparseIndex = new Long2IntOpenHashMap();
    /** Local index to pair id, or a negative value for pairs that make no valid piece. */
    private int[] pairIdOf;

    FirstPairs(int fromWord, int toWord) {
      this.fromWord = fromWord;
      this.toWord = toWord;
      Arrays.fill(denseIndex, -1);
      sparseIndex.defaultReturnValue(-1);
    }

    /** The local index of the characters {@code a b}, or -1 if they hold the unknown character; new pairs get one when {@code add}. */
    private int indexOf(int a, int b, boolean add) {
      if (a == unknown || b == unknown) return -1;
      if (a < dense && b < dense) {
        int i = denseIndex[a * dense + b];
        if (i < 0 && add) denseIndex[a * dense + b] = i = newLocal(a, b);
        return i;
      }
      int i = sparseIndex.get(key(a, b));
      if (i < 0 && add) sparseIndex.put(key(a, b), i = newLocal(a, b));
      return i;
    }

    private int newLocal(int a, int b) {
      int i = keys.size();
      keys.add(key(a, b));
      if (i == occurrences.length) {
        occurrences = Arrays.copyOf(occurrences, 2 * i);
        counts = Arrays.copyOf(counts, 2 * i);
      }
      return i;
    }

    void count() {
      for (int w = fromWord; w < toWord; w++) {
        long count = words.count(w);
        for (int p = words.start(w) + 1, end = words.end(w); p < end; p++) {
          int i = indexOf(symbols[p - 1], symbols[p], true);
          if (i < 0) continue;
          occurrences[i]++;
          counts[i] += count;
        }
      }
    }

    /** Adds this part's occurrences to each pair's list size and count; {@code from}, if given, gets where this part starts in each list. */
    void reserve(int[] sizes, int[] from) {
      pairIdOf = new int[keys.size()];
      for (int i = 0; i < keys.size(); i++) {
        long key = keys.getLong(i);
        int pair = pairIds.get(key);
        pairIdOf[i] = pair;
        if (pair < 0) continue;
        int k = pair - firstPair;
        if (from != null) from[k] = sizes[k];
        sizes[k] += occurrences[i];
        freq[k] += counts[i];
      }
    }

    /** Writes this part's positions into the pairs' lists, each from {@code next[pair - firstPair]} on. */
    void place(int[] next) {
      for (int w = fromWord; w < toWord; w++) {
        for (int p = words.start(w) + 1, end = words.end(w); p < end; p++) {
          int i = indexOf(symbols[p - 1], symbols[p], false);
          if (i < 0) continue;
          int pair = pairIdOf[i];
          if (pair < 0) continue;
          int k = pair - firstPair;
          positions[k].elements()[next[k]++] = p - 1;
        }
      }
    }
  }

  /** Characters whose pairs {@link FirstPairs} finds in a table: {@value} squared entries. */
  private static final int DENSE = 512;

  /** Replaces every occurrence of the pair {@code best}, left to right in each word. */
  private void merge(int best, IntArrayList created) {
    IntArrayList list = positions[best - firstPair];
    int[] at = list.elements();
    int n = list.size();
    // A pair gets its positions at the start or in the merge that makes it, in order; checked, as it is cheap.
    for (int k = 1; k < n; k++) {
      if (at[k] < at[k - 1]) {
        IntArrays.quickSort(at, 0, n);
        break;
      }
    }
    growCaches(firstPair + pairs);
    stamp++;
    int split = helper == null || n < PARALLEL_POSITIONS ? n : wordBoundaryAfter(at, n / 2, n);
    if (split < n) helper.start(() -> helperScan.scan(best, at, split, n));
    mainScan.scan(best, at, 0, split);
    if (split < n) helper.await();
    replay(mainScan, best, created);
    if (split < n) replay(helperScan, best, created);
  }

  /** Merges with at least this many positions have their scan split over two threads. */
  private static final int PARALLEL_POSITIONS = 1 << 10;

  /** The first index from {@code k} whose position is in another word than the one before it ({@code n} if none). */
  private int wordBoundaryAfter(int[] at, int k, int n) {
    int end = words.end(wordAt(at[k - 1]));
    while (k < n && at[k] < end) k++;
    return k;
  }

  /**
   * The merge's pair-count updates, made on this thread in position order whichever thread scanned
   * the occurrences, so that pairs are made and counted exactly as a scan on one thread makes them.
   */
  private void replay(Scan scan, int best, IntArrayList created) {
    int a = left[best - firstPair];
    int b = right[best - firstPair];
    for (int e = 0; e < scan.size; e++) {
      long count = scan.counts[e];
      int previous = scan.previous[e];
      if (previous >= 0) {
        int x = scan.before[e];
        lookUp(before, x, x, a, x, best, created);
        forget(before.old[x], count, best);
        addOccurrence(before.made[x], previous, count);
      }
      int y = scan.after[e];
      if (y >= 0) {
        lookUp(after, y, b, y, best, y, created);
        forget(after.old[y], count, best);
        addOccurrence(after.made[y], scan.at[e], count);
      }
    }
  }

  private final Scan mainScan = new Scan();
  private final Scan helperScan = new Scan();
  private Helper helper;

  /**
   * One thread's part of a merge: finds the pair's occurrences among some of its positions (whole
   * words), rewrites them in the words, and records for each the symbols around it and the word's
   * count. It touches only the cells of its own words.
   */
  private final class Scan {
    int size;
    int[] at = new int[1024];
    int[] previous = new int[1024];
    int[] before = new int[1024];
    int[] after = new int[1024];
    long[] counts = new long[1024];

    void scan(int best, int[] positions, int from, int to) {
      size = 0;
      int a = left[best - firstPair];
      int b = right[best - firstPair];
      // Positions come in order, so the word of the last one often holds the next.
      int word = -1;
      int wordEnd = -1;
      for (int k = from; k < to; k++) {
        int p = positions[k];
        if (symbols[p] != a) continue;
        int r = nextIndex(p);
        if (r < 0 || symbols[r] != b) continue;
        int prev = previousIndex(p);
        int next = nextIndex(r);
        if (p >= wordEnd) {
          word = wordAt(p);
          wordEnd = words.end(word);
        }
        if (size == at.length) grow();
        at[size] = p;
        previous[size] = prev;
        before[size] = prev >= 0 ? symbols[prev] : -1;
        after[size] = next >= 0 ? symbols[next] : -1;
        counts[size] = words.count(word);
        size++;
        symbols[p] = best;
        symbols[r] = EMPTY;
      }
    }

    private void grow() {
      int n = 2 * at.length;
      at = Arrays.copyOf(at, n);
      previous = Arrays.copyOf(previous, n);
      before = Arrays.copyOf(before, n);
      after = Arrays.copyOf(after, n);
      counts = Arrays.copyOf(counts, n);
    }
  }

  /**
   * A second thread for the parts of training that split in two: it runs one task while this thread
   * runs the other half. Each task is handed over through a volatile counter and its end awaited
   * the same way, which orders every write either thread makes before the other reads it.
   */
  private final class Helper implements AutoCloseable {
    private final Thread thread;
    private final Thread owner = Thread.currentThread();
    private volatile int task;
    private volatile int done;
    private volatile boolean closed;
    private volatile Throwable failure;
    private Runnable work;

    Helper() {
      thread = new Thread(this::work, "toksmith-merge");
      thread.setDaemon(true);
      thread.start();
    }

    void start(Runnable work) {
      this.work = work;
      task++;
      LockSupport.unpark(thread);
    }

    void await() {
      for (int spins = 0; done != task; spins++) {
        if (spins < 10_000) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      Throwable t = failure;
      if (t instanceof RuntimeException e) throw e;
      if (t instanceof Error e) throw e;
    }

    private void work() {
      int seen = 0;
      while (!closed) {
        if (task == seen) {
          LockSupport.park(this);
          continue;
        }
        seen = task;
        try {
          work.run();
        } catch (RuntimeException | Error e) {
          failure = e;
        }
        done = seen;
        LockSupport.unpark(owner);
      }
    }

    @Override
    public void close() {
      closed = true;
      LockSupport.unpark(thread);
    }
  }

  /**
   * The word of position {@code p}: its header cell names it when it is near (most words are short,
   * and the cells are at hand), else the last word starting at or before {@code p}, found in a coarse
   * index of every 64th word's start and then in the starts of those 64 words.
   */
  private int wordAt(int p) {
    for (int i = p, limit = Math.max(0, p - NEAR); i >= limit; i--) {
      if (symbols[i] < EMPTY) return -(symbols[i] + 2);
    }
    int low = 0;
    int high = coarseStarts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (coarseStarts[mid] <= p) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    int w = low * COARSE;
    while (w + 1 < words.size() && words.start(w + 1) <= p) w++;
    return w;
  }

  /** The next symbol in the word after position {@code p}, or -1 at the word's end. */
  private int nextIndex(int p) {
    int i = p + 1;
    while (i < symbols.length && symbols[i] == EMPTY) i++;
    return i < symbols.length && symbols[i] >= 0 ? i : -1;
  }

  /** The symbol in the word before position {@code p}, or -1 at the word's start. */
  private int previousIndex(int p) {
    int i = p - 1;
    while (symbols[i] == EMPTY) i--;
    return symbols[i] >= 0 ? i : -1;
  }

  /** The pair at {@code (l, r)} is no more: one occurrence fewer, unless it is the pair being merged. */
  private void forget(int pair, long count, int best) {
    if (pair >= 0 && pair != best) freq[pair - firstPair] -= count;
  }

  /** The pair of symbols {@code a b}: made if new and valid; {@link #INVALID} if it makes no valid piece. */
  private int pairOf(int a, int b, IntArrayList created) {
    if (a == unknown || b == unknown) return INVALID;
    long key = key(a, b);
    int pair = pairIds.get(key);
    if (pair == NONE) {
      int chars = lengthOf(a) + lengthOf(b);
      if (valid(a, b, chars)) {
        pair = newPair(a, b, chars);
        if (created != null) created.add(pair);
      } else {
        pair = INVALID;
      }
      pairIds.put(key, pair);
    }
    return pair;
  }

  private void addOccurrence(int pair, int l, long count) {
    if (pair < 0) return;
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

  private void growCaches(int symbols) {
    before.grow(symbols);
    after.grow(symbols);
  }

  /**
   * Per symbol on one side of the pair being merged, looked up once per merge however often the
   * symbol stands there: the stamp of the merge that looked it up, the pair it made with the merged
   * pair's symbol on that side, and the pair it makes with the merged symbol.
   */
  private static final class Neighbours {
    int[] stamp = new int[0];
    int[] old = new int[0];
    int[] made = new int[0];

    void grow(int symbols) {
      if (stamp.length >= symbols) return;
      int size = Math.max(symbols, 2 * stamp.length);
      stamp = Arrays.copyOf(stamp, size);
      old = Arrays.copyOf(old, size);
      made = Arrays.copyOf(made, size);
    }
  }

  /**
   * Fills {@code side}'s entry for {@code symbol} in this merge, unless done: the pair {@code oldLeft
   * oldRight} it was in, and the pair {@code newLeft newRight} (made if new and valid) it is now in.
   */
  private void lookUp(Neighbours side, int symbol, int oldLeft, int oldRight, int newLeft, int newRight, IntArrayList created) {
    if (side.stamp[symbol] == stamp) return;
    side.stamp[symbol] = stamp;
    side.old[symbol] = pairIds.get(key(oldLeft, oldRight));
    side.made[symbol] = pairOf(newLeft, newRight, created);
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
        if (c >= 0 && !seen[c]) {
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
    long threshold = largest(counts.clone(), size);
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

  /** The {@code k}-th largest value (1-based) of {@code values}, which it reorders: quickselect. */
  private static long largest(long[] values, int k) {
    int low = 0;
    int high = values.length - 1;
    int target = k - 1;
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    while (low < high) {
      long pivot = values[low + random.nextInt(high - low + 1)];
      int lt = low;
      int gt = high;
      // Three-way partition, descending: [low, lt) > pivot, [lt, i) == pivot, (gt, high] < pivot.
      for (int i = low; i <= gt; ) {
        if (values[i] > pivot) {
          swap(values, lt++, i++);
        } else if (values[i] < pivot) {
          swap(values, i, gt--);
        } else {
          i++;
        }
      }
      if (target < lt) {
        high = lt - 1;
      } else if (target > gt) {
        low = gt + 1;
      } else {
        return pivot;
      }
    }
    return values[target];
  }

  private static void swap(long[] values, int i, int j) {
    long t = values[i];
    values[i] = values[j];
    values[j] = t;
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
    return compareSplits(x, y);
  }

  /**
   * Orders two pairs that spell the same piece by how they split it (a shorter left part first, then
   * the parts' own splits), so that the choice never depends on the order pairs were made in.
   */
  private int compareSplits(int x, int y) {
    if (x == y || x < firstPair || y < firstPair) return Integer.compare(x, y);
    int byLeft = Integer.compare(lengthOf(left[x - firstPair]), lengthOf(left[y - firstPair]));
    if (byLeft != 0) return byLeft;
    int byLeftSplit = compareSplits(left[x - firstPair], left[y - firstPair]);
    return byLeftSplit != 0 ? byLeftSplit : compareSplits(right[x - firstPair], right[y - firstPair]);
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
