package dev.toksmith.core.models.unigram;

import dev.toksmith.core.models.sentencepiece.PieceRules;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.models.sentencepiece.TrainerSpec;
import dev.toksmith.core.models.sentencepiece.TrainingWords;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SentencePiece's Unigram trainer ({@code unigram_model_trainer.cc}; Kudo, "Subword Regularization",
 * 2018). From the seed vocabulary ({@link SeedPieces}, scores made log probabilities), rounds of EM
 * and pruning until at most 1.1 times the vocabulary size is left:
 *
 * <ul>
 *   <li>E step: each word's lattice of pieces (an unknown node where no one-character piece starts),
 *       forward-backward, expected piece counts weighted by the word's count;
 *   <li>M step: pieces expected fewer than 0.5 times go; the others score {@code digamma(count) -
 *       digamma(total)} (the Bayesian, sparse-prior update); {@code num_sub_iterations} times;
 *   <li>pruning: each piece's loss is the likelihood lost if its Viterbi occurrences took its second
 *       best segmentation instead; pieces whose own best segmentation is split go, those with no
 *       alternative stay, and of the rest the highest losses stay, {@code shrinking_factor} of the
 *       vocabulary in all.
 * </ul>
 *
 * Then the kept characters (missing ones at the lowest score plus a small step each) and the best
 * scoring pieces make up the vocabulary. As in SentencePiece, an unknown node counts as the
 * current first piece, in expectations and in Viterbi counts alike.
 *
 * <p>Expected counts add up as fixed-point integers, so that the sum, and the model, is the same for
 * any number of threads; SentencePiece adds floats per thread, so its models vary with the thread
 * count in the last digits of the scores. Forward-backward runs on probabilities rather than log
 * probabilities for words of up to 24 characters (on log probabilities when their total underflows),
 * which saves an exponential and a logarithm per lattice edge. The seeds matching at each position of
 * the words are found once, by walking a trie of the seeds, and kept; each pass reads them, and
 * pruning drops those of the seeds it removes.
 */
public final class UnigramTrainer {
  /** SentencePiece's {@code kUnkPenalty}. */
  private static final float UNKNOWN_PENALTY = 10.0f;
  /** Pieces expected fewer times than this are dropped by the M step. */
  private static final float EXPECTED_FREQUENCY_THRESHOLD = 0.5f;
  private static final float MIN_SCORE_PENALTY_DELTA = 0.0001f;
  /** Fixed point of expected counts: units of 2^-24. */
  private static final double FIXED_ONE = 1 << 24;
  /** Words up to this long run forward-backward on probabilities; longer ones on log probabilities. */
  private static final int LINEAR_MAX_LENGTH = 24;
  /** Words per task of a parallel pass. */
  private static final int CHUNK = 4096;

  /** Hears how training goes. */
  @FunctionalInterface
  public interface Progress {
    void update(String phase, long done, long total);
  }

  private final TrainingWords words;
  private final TrainerSpec spec;
  private final List<int[]> seeds;
  private final SeedTrie trie;
  /** The current vocabulary: seed index and score of each piece. */
  private int[] pieces;
  private float[] scores;
  private float minScore;
  /** Each seed's index in the current vocabulary, or -1. */
  private final int[] indexOfSeed;
  /** Each seed's length in characters. */
  private final int[] seedLength;
  /** The seeds that match at each position of the words, chunk by chunk; made once, pruned as seeds die. */
  private Matches[] matches;

  private UnigramTrainer(TrainingWords words, TrainerSpec spec, List<int[]> seeds) {
    this.words = words;
    this.spec = spec;
    this.seeds = seeds;
    this.trie = new SeedTrie(seeds, words.unknownId() + 1);
    this.indexOfSeed = new int[seeds.size()];
    this.seedLength = new int[seeds.size()];
    for (int i = 0; i < seedLength.length; i++) seedLength[i] = seeds.get(i).length;
  }

  /**
   * Trains and returns the learned pieces with their scores, best first, to fill the vocabulary after
   * the special pieces; fewer when the corpus has too few.
   */
  public static List<SentencePieceModel.Piece> train(TrainingWords words, PieceRules rules, TrainerSpec spec, Progress progress) {
    progress.update("seeding", 0, -1);
    SeedPieces.Seeds seeded = SeedPieces.of(words, rules, spec);
    UnigramTrainer trainer = new UnigramTrainer(words, spec, seeded.pieces());
    ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), runnable -> {
      Thread thread = new Thread(runnable, "toksmith-unigram");
      thread.setDaemon(true);
      return thread;
    });
    try {
      return trainer.run(seeded.scores(), pool, progress);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<SentencePieceModel.Piece> run(long[] seedScores, ExecutorService pool, Progress progress) {
    // ToLogProb, in single precision as SentencePiece sums.
    float sum = 0;
    for (long score : seedScores) sum += (float) score;
    float logSum = (float) Math.log(sum);
    int[] all = new int[seeds.size()];
    float[] initial = new float[seeds.size()];
    for (int s = 0; s < all.length; s++) {
      all[s] = s;
      initial[s] = (float) (Math.log((float) seedScores[s]) - logSum);
    }
    setVocabulary(all, initial, all.length);
    matches = parallelMap(pool, this::findMatches);
    int desired = (int) (spec.vocabSize() * 1.1);
    int rounds = (int) Math.max(1, Math.ceil(Math.log((double) desired / pieces.length) / Math.log(spec.shrinkingFactor())));
    for (int round = 0; ; round++) {
      progress.update("training", round, rounds);
      for (int iteration = 0; iteration < spec.numSubIterations(); iteration++) mStep(eStep(pool));
      if (pieces.length <= desired) break;
      prune(pool, desired);
      // Seeds pruned away never come back: their matches can go.
      parallelMap(pool, chunk -> {
        matches[chunk].dropDead();
        return null;
      });
    }
    progress.update("training", rounds, rounds);
    return finish(spec.vocabSize() - spec.metaPieces().size());
  }

  private void setVocabulary(int[] seedIndices, float[] newScores, int size) {
    pieces = Arrays.copyOf(seedIndices, size);
    scores = Arrays.copyOf(newScores, size);
    Arrays.fill(indexOfSeed, -1);
    minScore = Float.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      indexOfSeed[pieces[i]] = i;
      minScore = Math.min(minScore, scores[i]);
    }
  }

  // ---- E step ----

  private long[] eStep(ExecutorService pool) {
    double[] probabilities = new double[pieces.length];
    for (int i = 0; i < pieces.length; i++) probabilities[i] = Math.exp(scores[i]);
    float unknownScore = minScore - UNKNOWN_PENALTY;
    return parallelSum(pool, pieces.length, (lattice, chunk, expected) -> {
      Matches m = matches[chunk];
      for (int w = m.from, cursor = 0; w < m.to; w++) {
        cursor = lattice.build(m, w, cursor);
        lattice.expect(w, probabilities, unknownScore, expected);
      }
    });
  }

  /** Work on one chunk of words, summing into an array of longs. */
  @FunctionalInterface
  private interface ChunkWork {
    void run(Lattice lattice, int chunk, long[] sums);
  }

  private int chunks() {
    return (words.size() + CHUNK - 1) / CHUNK;
  }

  /** A pass over all chunks of words, each thread summing into an array of longs; the arrays are added up. */
  private long[] parallelSum(ExecutorService pool, int size, ChunkWork work) {
    int chunks = chunks();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    List<Future<long[]>> parts = new ArrayList<>();
    for (int t = 0; t < Math.min(spec.threads(), Math.max(1, chunks)); t++) {
      parts.add(pool.submit(() -> {
        long[] sums = new long[size];
        Lattice lattice = new Lattice();
        for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) work.run(lattice, chunk, sums);
        return sums;
      }));
    }
    long[] total = new long[size];
    for (long[] sums : results(parts)) {
      for (int i = 0; i < size; i++) total[i] += sums[i];
    }
    return total;
  }

  /** {@code work} on every chunk of words, on the pool's threads; the results in chunk order. */
  private Matches[] parallelMap(ExecutorService pool, java.util.function.IntFunction<Matches> work) {
    List<Future<Matches>> parts = new ArrayList<>();
    for (int chunk = 0; chunk < chunks(); chunk++) {
      int c = chunk;
      parts.add(pool.submit(() -> work.apply(c)));
    }
    return results(parts).toArray(new Matches[0]);
  }

  private static <T> List<T> results(List<Future<T>> parts) {
    List<T> results = new ArrayList<>(parts.size());
    try {
      for (Future<T> part : parts) results.add(part.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
    return results;
  }

  /** The seeds matching at each position of the words of one chunk, by walking the trie. */
  private Matches findMatches(int chunk) {
    int from = chunk * CHUNK;
    int to = Math.min(words.size(), from + CHUNK);
    Matches m = new Matches(from, to);
    int[] chars = words.chars();
    for (int w = from; w < to; w++) {
      int end = words.end(w);
      for (int s = words.start(w); s < end; s++) {
        int count = 0;
        for (int t = s, node = SeedTrie.root(); t < end; t++) {
          node = trie.child(node, chars[t]);
          if (node < 0) break;
          int seed = trie.seed(node);
          if (seed < 0) continue;
          m.add(seed);
          count++;
        }
        m.counts[s - m.base] = (char) count;
      }
    }
    return m;
  }

  /**
   * The seeds that match at each position of a chunk's words, in position order and by length at
   * each: how many start at each position (indexed from the chunk's first header cell) and which.
   */
  private final class Matches {
    final int from;
    final int to;
    final int base;
    final char[] counts;
    int[] seedIds = new int[1 << 12];
    int size;

    Matches(int from, int to) {
      this.from = from;
      this.to = to;
      this.base = words.start(from) - 1;
      this.counts = new char[words.end(to - 1) - base];
    }

    void add(int seed) {
      if (size == seedIds.length) seedIds = Arrays.copyOf(seedIds, 2 * size);
      seedIds[size++] = seed;
    }

    /** Removes the matches of seeds no longer in the vocabulary. */
    void dropDead() {
      int kept = 0;
      int read = 0;
      for (int position = 0; position < counts.length; position++) {
        int count = counts[position];
        int left = 0;
        for (int k = 0; k < count; k++) {
          int seed = seedIds[read++];
          if (indexOfSeed[seed] >= 0) {
            seedIds[kept++] = seed;
            left++;
          }
        }
        counts[position] = (char) left;
      }
      size = kept;
      if (seedIds.length > 2 * kept + 16) seedIds = Arrays.copyOf(seedIds, kept);
    }
  }

  // ---- M step ----

  private void mStep(long[] expectedFixed) {
    int[] kept = new int[pieces.length];
    float[] counts = new float[pieces.length];
    int size = 0;
    float sum = 0;
    for (int i = 0; i < pieces.length; i++) {
      float count = (float) (expectedFixed[i] / FIXED_ONE);
      if (count < EXPECTED_FREQUENCY_THRESHOLD) continue;
      kept[size] = pieces[i];
      counts[size++] = count;
      sum += count;
    }
    double logSum = digamma(sum);
    float[] newScores = new float[size];
    for (int i = 0; i < size; i++) newScores[i] = (float) (digamma(counts[i]) - logSum);
    setVocabulary(kept, newScores, size);
  }

  /** The digamma function, as SentencePiece approximates it (recurrence up to 7, then the asymptotic series). */
  static double digamma(double x) {
    double result = 0;
    for (; x < 7; ++x) result -= 1 / x;
    x -= 1.0 / 2.0;
    double xx = 1.0 / x;
    double xx2 = xx * xx;
    double xx4 = xx2 * xx2;
    result += Math.log(x) + (1.0 / 24.0) * xx2 - (7.0 / 960.0) * xx4 + (31.0 / 8064.0) * xx4 * xx2 - (127.0 / 30720.0) * xx4 * xx4;
    return result;
  }

  // ---- pruning ----

  private void prune(ExecutorService pool, int desired) {
    int size = pieces.length;
    float unknownScore = minScore - UNKNOWN_PENALTY;
    // How each piece would be segmented without itself: its second-best segmentation.
    boolean[] alwaysKeep = new boolean[size];
    int[][] alternatives = new int[size][];
    List<Future<Void>> parts = new ArrayList<>();
    int step = Math.max(1024, size / (4 * spec.threads()) + 1);
    for (int from = 0; from < size; from += step) {
      int first = from;
      int last = Math.min(size, from + step);
      parts.add(pool.submit(() -> {
        Lattice lattice = new Lattice();
        for (int i = first; i < last; i++) {
          int[] piece = seeds.get(pieces[i]);
          if (piece.length == 1) {
            alwaysKeep[i] = true;
            continue;
          }
          lattice.build(piece, 0, piece.length);
          int[] best = lattice.viterbi(piece.length, unknownScore, -1);
          if (best.length >= 2) continue;
          alwaysKeep[i] = true;
          alternatives[i] = lattice.viterbi(piece.length, unknownScore, i);
        }
        return null;
      }));
    }
    results(parts);
    // Viterbi counts over the corpus.
    long[] freq = parallelSum(pool, size, (l, chunk, sums) -> {
      Matches m = matches[chunk];
      for (int w = m.from, cursor = 0; w < m.to; w++) {
        cursor = l.build(m, w, cursor);
        for (int id : l.viterbi(words.end(w) - words.start(w), unknownScore, -1)) sums[id] += words.count(w);
      }
    });
    double total = 0;
    for (long f : freq) total += f;
    float sum = (float) total;
    float logSum = (float) Math.log(sum);
    int[] keep = new int[size];
    float[] keepScores = new float[size];
    int kept = 0;
    int[] candidates = new int[size];
    float[] losses = new float[size];
    int candidateCount = 0;
    for (int i = 0; i < size; i++) {
      if (freq[i] == 0 || !alwaysKeep[i]) continue;
      if (alternatives[i] == null || alternatives[i].length == 0) {
        keep[kept] = pieces[i];
        keepScores[kept++] = scores[i];
        continue;
      }
      float f = (float) freq[i];
      float share = f / sum;
      float logProbability = (float) (Math.log(f) - logSum);
      float logSumAlternative = (float) Math.log(sum + f * (alternatives[i].length - 1));
      float logProbabilityAlternative = 0;
      for (int n : alternatives[i]) logProbabilityAlternative += (float) (Math.log((float) freq[n] + f) - logSumAlternative);
      candidates[candidateCount] = i;
      losses[candidateCount++] = share * (logProbability - logProbabilityAlternative);
    }
    int prunedSize = Math.max(desired, (int) (spec.shrinkingFactor() * size));
    int[] order = new int[candidateCount];
    for (int k = 0; k < candidateCount; k++) order[k] = k;
    IntArrays.quickSort(order, (a, b) -> losses[a] != losses[b] ? Float.compare(losses[b], losses[a]) : Integer.compare(candidates[a], candidates[b]));
    for (int k = 0; k < candidateCount && kept < prunedSize; k++) {
      int i = candidates[order[k]];
      keep[kept] = pieces[i];
      keepScores[kept++] = scores[i];
    }
    setVocabulary(keep, keepScores, kept);
  }

  // ---- the final vocabulary ----

  private List<SentencePieceModel.Piece> finish(int size) {
    Map<String, Float> chosen = new HashMap<>();
    float penalty = 0;
    for (int c = 0; c < words.alphabetSize(); c++) {
      int index = indexOfSeed[c];
      String text = new String(Character.toChars(words.codePoint(c)));
      if (index >= 0) {
        chosen.put(text, scores[index]);
      } else {
        // Characters pruned away come back below every piece, the frequent ones first.
        chosen.put(text, minScore + penalty);
        penalty += MIN_SCORE_PENALTY_DELTA;
      }
    }
    Integer[] byScore = new Integer[pieces.length];
    String[] texts = new String[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      byScore[i] = i;
      texts[i] = text(seeds.get(pieces[i]));
    }
    Arrays.sort(byScore, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : dev.toksmith.core.text.Utf8.CODE_POINT_ORDER.compare(texts[a], texts[b]));
    for (int i : byScore) {
      if (chosen.containsKey(texts[i])) continue;
      if (chosen.size() == size) break;
      chosen.put(texts[i], scores[i]);
    }
    List<Map.Entry<String, Float>> sorted = new ArrayList<>(chosen.entrySet());
    sorted.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Float.compare(b.getValue(), a.getValue()) : dev.toksmith.core.text.Utf8.CODE_POINT_ORDER.compare(a.getKey(), b.getKey()));
    List<SentencePieceModel.Piece> result = new ArrayList<>(sorted.size());
    for (Map.Entry<String, Float> e : sorted) result.add(new SentencePieceModel.Piece(e.getKey(), e.getValue(), SentencePieceModel.Type.NORMAL));
    return result;
  }

  private String text(int[] piece) {
    StringBuilder s = new StringBuilder(piece.length);
    for (int c : piece) s.appendCodePoint(words.codePoint(c));
    return s.toString();
  }

  /**
   * A lattice over one word, reused across words by one thread: the edges (pieces matching at each
   * position, start by start) and the forward and backward sums.
   */
  private final class Lattice {
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int[] ids = new int[256];
    private int edges;
    private double[] alpha = new double[64];
    private double[] beta = new double[64];
    private float[] best = new float[64];
    private int[] bestEdge = new int[64];

    /** Fills the edges of {@code chars[from, to)} by walking the trie; an unknown edge has id -1. */
    void build(int[] chars, int from, int to) {
      edges = 0;
      for (int s = from; s < to; s++) {
        boolean single = false;
        for (int t = s, node = SeedTrie.root(); t < to; t++) {
          node = trie.child(node, chars[t]);
          if (node < 0) break;
          int seed = trie.seed(node);
          if (seed < 0) continue;
          int index = indexOfSeed[seed];
          if (index < 0) continue;
          add(s - from, t + 1 - from, index);
          if (t == s) single = true;
        }
        if (!single) add(s - from, s + 1 - from, -1);
      }
    }

    private void add(int start, int end, int id) {
      if (edges == starts.length) {
        starts = Arrays.copyOf(starts, 2 * edges);
        ends = Arrays.copyOf(ends, 2 * edges);
        ids = Arrays.copyOf(ids, 2 * edges);
      }
      starts[edges] = start;
      ends[edges] = end;
      ids[edges++] = id;
    }

    private void ensure(int length) {
      if (alpha.length <= length) {
        int size = Math.max(length + 1, 2 * alpha.length);
        alpha = new double[size];
        beta = new double[size];
        best = new float[size];
        bestEdge = new int[size];
      }
    }

    /**
     * Fills the edges of word {@code w} from its chunk's matches, starting at match {@code cursor}:
     * the matching seeds still in the vocabulary, and an unknown edge where no one-character piece
     * starts. Returns the cursor after the word's matches.
     */
    int build(Matches m, int w, int cursor) {
      edges = 0;
      int start = words.start(w);
      for (int s = start, end = words.end(w); s < end; s++) {
        boolean single = false;
        for (int k = m.counts[s - m.base]; k > 0; k--) {
          int seed = m.seedIds[cursor++];
          int index = indexOfSeed[seed];
          if (index < 0) continue;
          int length = seedLength[seed];
          add(s - start, s - start + length, index);
          if (length == 1) single = true;
        }
        if (!single) add(s - start, s - start + 1, -1);
      }
      return cursor;
    }

    /** Adds the expected piece counts of word {@code w}, whose edges are built, times its count, to {@code expected} (fixed point). */
    void expect(int w, double[] probabilities, float unknownScore, long[] expected) {
      int n = words.end(w) - words.start(w);
      ensure(n);
      double count = words.count(w);
      if (n <= LINEAR_MAX_LENGTH && expectLinear(n, probabilities, Math.exp(unknownScore), count, expected)) return;
      expectLog(n, unknownScore, count, expected);
    }

    /** Forward-backward on probabilities; false (nothing added) if the total underflowed. */
    private boolean expectLinear(int n, double[] probabilities, double unknownProbability, double count, long[] expected) {
      Arrays.fill(alpha, 0, n + 1, 0);
      Arrays.fill(beta, 0, n + 1, 0);
      alpha[0] = 1;
      for (int e = 0; e < edges; e++) alpha[ends[e]] += alpha[starts[e]] * (ids[e] < 0 ? unknownProbability : probabilities[ids[e]]);
      double z = alpha[n];
      if (!(z > 1e-290)) return false;
      beta[n] = 1;
      for (int e = edges - 1; e >= 0; e--) beta[starts[e]] += (ids[e] < 0 ? unknownProbability : probabilities[ids[e]]) * beta[ends[e]];
      double scale = count * FIXED_ONE / z;
      for (int e = 0; e < edges; e++) {
        double p = ids[e] < 0 ? unknownProbability : probabilities[ids[e]];
        expected[Math.max(ids[e], 0)] += (long) (alpha[starts[e]] * p * beta[ends[e]] * scale + 0.5);
      }
      return true;
    }

    /** Forward-backward on log probabilities, for long words. */
    private void expectLog(int n, float unknownScore, double count, long[] expected) {
      Arrays.fill(alpha, 0, n + 1, Double.NEGATIVE_INFINITY);
      Arrays.fill(beta, 0, n + 1, Double.NEGATIVE_INFINITY);
      alpha[0] = 0;
      for (int e = 0; e < edges; e++) alpha[ends[e]] = logAdd(alpha[ends[e]], alpha[starts[e]] + score(e, unknownScore));
      double z = alpha[n];
      beta[n] = 0;
      for (int e = edges - 1; e >= 0; e--) beta[starts[e]] = logAdd(beta[starts[e]], score(e, unknownScore) + beta[ends[e]]);
      for (int e = 0; e < edges; e++) {
        double marginal = Math.exp(alpha[starts[e]] + score(e, unknownScore) + beta[ends[e]] - z);
        expected[Math.max(ids[e], 0)] += (long) (marginal * count * FIXED_ONE + 0.5);
      }
    }

    private double score(int e, float unknownScore) {
      return ids[e] < 0 ? unknownScore : scores[ids[e]];
    }

    /**
     * The best segmentation of the built lattice over {@code n} characters as vocabulary indices (an unknown piece as
     * index 0, as SentencePiece counts it), scores added in single precision, ties to the piece
     * that starts first; without the edge of piece {@code excluded} spanning the whole range.
     */
    int[] viterbi(int n, float unknownScore, int excluded) {
      ensure(n);
      Arrays.fill(bestEdge, 0, n + 1, -1);
      best[0] = 0;
      for (int e = 0; e < edges; e++) {
        if (ids[e] == excluded && starts[e] == 0 && ends[e] == n) continue;
        int s = starts[e];
        if (s > 0 && bestEdge[s] < 0) continue;
        float candidate = best[s] + (ids[e] < 0 ? unknownScore : scores[ids[e]]);
        int t = ends[e];
        if (bestEdge[t] < 0 || candidate > best[t]) {
          best[t] = candidate;
          bestEdge[t] = e;
        }
      }
      int length = 0;
      for (int t = n; t > 0; t = starts[bestEdge[t]]) length++;
      int[] path = new int[length];
      for (int t = n, k = length - 1; t > 0; t = starts[bestEdge[t]], k--) path[k] = Math.max(ids[bestEdge[t]], 0);
      return path;
    }
  }

  private static double logAdd(double x, double y) {
    if (x == Double.NEGATIVE_INFINITY) return y;
    if (y == Double.NEGATIVE_INFINITY) return x;
    double max = Math.max(x, y);
    return max + Math.log1p(Math.exp(Math.min(x, y) - max));
  }
}
