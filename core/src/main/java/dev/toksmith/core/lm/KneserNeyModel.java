package dev.toksmith.core.lm;

import dev.toksmith.api.TokenLanguageModel;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A token n-gram model with interpolated Kneser-Ney smoothing (absolute discounting at every order,
 * continuation counts below the top order, a uniform distribution at the bottom), so every id gets
 * mass and each distribution sums to one. Texts are padded on the left with the end-of-text id and
 * end with it.
 *
 * <p>With a {@link TokenBytes} mask, mass on continuations that make the ids non-canonical is
 * removed and the rest renormalised: the assumption under which byte-level probabilities are exact.
 * Without one ({@code --allow-invalid}), non-canonical sequences keep their smoothed mass.
 * Immutable and thread-safe.
 */
public final class KneserNeyModel implements TokenLanguageModel, FactoredModel {
  /** The ids seen after one context at one order, with their (continuation) counts. */
  public record ContextCounts(int[] context, int[] words, int[] counts) {}

  private final int order;
  private final int vocabSize;
  private final double[] discounts;
  private final List<List<ContextCounts>> levels;
  private final List<Map<Key, Counted>> byContext = new ArrayList<>();
  private final TokenBytes mask;
  /** count - d of each id after the empty context (0 for unseen ids): the unigram term, dense. */
  private final double[] unigramExcess;
  /**
   * Per mask (by identity: masks are cached and shared), the masked sums of long count lists, for
   * the masks used last; as many as the tokenizer's own mask cache holds in 64 MB.
   */
  private final Map<MaskKey, Map<ContextCounts, Double>> seenMasses;

  /** The counts after one context with their sum, so that a lookup does not add them up again. */
  private record Counted(ContextCounts counts, long total) {}


  /**
   * @param order n of the n-grams, at least 1
   * @param vocabSize ids scored, the last being end-of-text
   * @param discounts the discount of each order 1..n (index 0 is order 1)
   * @param levels for each order 1..n, the counts after each context of order - 1 ids
   * @param mask the tokenizer whose non-canonical continuations get no mass, or null to keep them
   */
  public KneserNeyModel(int order, int vocabSize, double[] discounts, List<List<ContextCounts>> levels, TokenBytes mask) {
    if (order < 1 || discounts.length != order || levels.size() != order) throw new IllegalArgumentException("order " + order + " does not match the tables");
    this.order = order;
    this.vocabSize = vocabSize;
    this.discounts = discounts.clone();
    this.levels = List.copyOf(levels);
    this.mask = mask;
    int kept = Math.max(1024, (64 << 20) / (vocabSize / 8 + 1));
    this.seenMasses = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<MaskKey, Map<ContextCounts, Double>> eldest) {
        return size() > kept;
      }
    };
    unigramExcess = new double[vocabSize];
    for (ContextCounts c : levels.get(0)) {
      for (int i = 0; i < c.words().length; i++) unigramExcess[c.words()[i]] = c.counts()[i] - discounts[0];
    }
    for (List<ContextCounts> level : levels) {
      Map<Key, Counted> map = new HashMap<>(level.size() * 4 / 3 + 1); // sized once: the largest order has 100,000s of contexts
      for (ContextCounts counts : level) {
        long total = 0;
        for (int x : counts.counts()) total += x;
        map.put(new Key(counts.context()), new Counted(counts, total));
      }
      byContext.add(map);
    }
  }

  /**
   * Counts the n-grams of {@code texts} (each the canonical ids of one text, without end-of-text) and
   * estimates the discounts from the counts of counts.
   *
   * @param idBound one past the tokenizer's largest id; end-of-text becomes id {@code idBound}
   */
  public static KneserNeyModel train(Iterable<int[]> texts, int order, int idBound, TokenBytes mask) {
    if (order < 1) throw new IllegalArgumentException("order must be at least 1, not " + order);
    int eos = idBound;
    Object2IntOpenHashMap<Key> top = new Object2IntOpenHashMap<>();
    for (int[] text : texts) {
      int[] padded = new int[order - 1 + text.length + 1];
      Arrays.fill(padded, 0, order - 1, eos);
      System.arraycopy(text, 0, padded, order - 1, text.length);
      padded[padded.length - 1] = eos;
      for (int end = order; end <= padded.length; end++) top.addTo(new Key(Arrays.copyOfRange(padded, end - order, end)), 1);
    }
    List<Object2IntOpenHashMap<Key>> grams = new ArrayList<>();
    grams.add(top);
    for (int n = order - 1; n >= 1; n--) {
      // Continuation count: how many distinct ids precede the shorter n-gram.
      Object2IntOpenHashMap<Key> shorter = new Object2IntOpenHashMap<>();
      for (Key longer : grams.get(grams.size() - 1).keySet()) shorter.addTo(new Key(Arrays.copyOfRange(longer.ids, 1, longer.ids.length)), 1);
      grams.add(shorter);
    }
    java.util.Collections.reverse(grams);
    double[] discounts = new double[order];
    List<List<ContextCounts>> levels = new ArrayList<>();
    for (int n = 1; n <= order; n++) {
      discounts[n - 1] = discount(grams.get(n - 1));
      levels.add(group(grams.get(n - 1), n));
    }
    return new KneserNeyModel(order, idBound + 1, discounts, levels, mask);
  }

  private static double discount(Object2IntOpenHashMap<Key> counts) {
    int once = 0;
    int twice = 0;
    for (int c : counts.values()) {
      if (c == 1) once++;
      else if (c == 2) twice++;
    }
    if (once == 0) return 0.5;
    return Math.min(0.95, Math.max(0.05, once / (double) (once + 2 * twice)));
  }

  private static List<ContextCounts> group(Object2IntOpenHashMap<Key> counts, int n) {
    Map<Key, Int2IntOpenHashMap> grouped = new HashMap<>();
    for (Object2IntOpenHashMap.Entry<Key> e : counts.object2IntEntrySet()) {
      int[] ids = e.getKey().ids;
      grouped.computeIfAbsent(new Key(Arrays.copyOf(ids, n - 1)), k -> new Int2IntOpenHashMap()).put(ids[n - 1], e.getIntValue());
    }
    List<ContextCounts> out = new ArrayList<>();
    grouped.entrySet().stream()
        .sorted((a, b) -> Arrays.compare(a.getKey().ids, b.getKey().ids))
        .forEach(e -> {
          int[] words = e.getValue().keySet().toIntArray();
          Arrays.sort(words);
          int[] c = new int[words.length];
          for (int i = 0; i < words.length; i++) c[i] = e.getValue().get(words[i]);
          out.add(new ContextCounts(e.getKey().ids, words, c));
        });
    return out;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int endOfTextId() {
    return vocabSize - 1;
  }

  /** n of the n-grams. */
  public int order() {
    return order;
  }

  /** The discount of each order, lowest first. */
  public double[] discounts() {
    return discounts.clone();
  }

  /** The counts of each order, lowest first. */
  public List<List<ContextCounts>> levels() {
    return levels;
  }

  /** Whether non-canonical continuations get no mass. */
  public boolean masksInvalid() {
    return mask != null;
  }

  @Override
  public double[] nextLogProbs(int[] context) {
    double[] p = nextProbs(context);
    for (int w = 0; w < vocabSize; w++) p[w] = Math.log(p[w]);
    return p;
  }

  /**
   * The interpolation written out: p(w) = base + sum over the orders n that have counts for the
   * context of coefficient(n) * (count(w) - d) / total, where base is the product of the orders'
   * lower-order weights over the vocabulary size and coefficient(n) that of the orders above n.
   * The sum has a term only for ids seen after the context, so one id, or the masked total, costs a
   * few lookups rather than a pass over the vocabulary.
   */
  private record Terms(ContextCounts[] counts, double[] coefficients, double[] totals, double base) {}

  private Terms terms(int[] context) {
    int[] history = new int[order - 1];
    for (int i = 0; i < history.length; i++) {
      int from = context.length - history.length + i;
      history[i] = from >= 0 ? context[from] : endOfTextId();
    }
    ContextCounts[] counts = new ContextCounts[order];
    double[] totals = new double[order];
    double[] lowerWeights = new double[order];
    for (int n = 1; n <= order; n++) {
      Counted counted = byContext.get(n - 1).get(new Key(Arrays.copyOfRange(history, history.length - (n - 1), history.length)));
      lowerWeights[n - 1] = 1;
      if (counted == null) continue;
      ContextCounts c = counted.counts();
      long total = counted.total();
      counts[n - 1] = c;
      totals[n - 1] = total;
      lowerWeights[n - 1] = discounts[n - 1] * c.words().length / total;
    }
    double[] coefficients = new double[order];
    double above = 1;
    for (int n = order; n >= 1; n--) {
      coefficients[n - 1] = above;
      above *= lowerWeights[n - 1];
    }
    return new Terms(counts, coefficients, totals, above / vocabSize);
  }

  private double unmasked(Terms t, int w) {
    double p = t.base();
    for (int n = 0; n < order; n++) {
      ContextCounts c = t.counts()[n];
      if (c == null) continue;
      int i = Arrays.binarySearch(c.words(), w);
      if (i >= 0) p += t.coefficients()[n] * (c.counts()[i] - discounts[n]) / t.totals()[n];
    }
    return p;
  }

  @Override
  public double[] nextProbs(int[] context) {
    Terms t = terms(context);
    double[] p = new double[vocabSize];
    if (mask == null) {
      Arrays.fill(p, t.base());
      for (int n = 0; n < order; n++) addSeen(t, n, 1, null, p);
      return p;
    }
    // Only the canonical continuations and end-of-text get mass, divided by the mass they keep: the
    // base and the unigram term in one pass over the mask's words, then the longer contexts' few ids.
    BitSet validSet = mask.validNext(context);
    double scale = 1 / keptMass(t, validSet);
    long[] valid = validSet.toLongArray();
    double base = t.base() * scale;
    ContextCounts unigrams = t.counts()[0];
    double unigramScale = unigrams == null ? 0 : scale * t.coefficients()[0] / t.totals()[0];
    for (int i = 0; i < valid.length; i++) {
      for (long word = valid[i]; word != 0; word &= word - 1) {
        int w = (i << 6) + Long.numberOfTrailingZeros(word);
        if (w >= vocabSize) break;
        p[w] = base + unigramScale * unigramExcess[w];
      }
    }
    int eos = endOfTextId();
    p[eos] = base + unigramScale * unigramExcess[eos];
    for (int n = 1; n < order; n++) addSeen(t, n, scale, valid, p);
    return p;
  }

  /** {@link #nextProbs} factored: the base and unigram term over the mask, the longer contexts' seen ids listed. */
  @Override
  public Factored factored(int[] context, TokenBytes tokens) {
    if (mask != tokens) return null;
    Terms t = terms(context);
    BitSet valid = mask.validNext(context);
    double scale = 1 / keptMass(t, valid);
    ContextCounts unigrams = t.counts()[0];
    double unigramScale = unigrams == null ? 0 : scale * t.coefficients()[0] / t.totals()[0];
    IntArrayList ids = new IntArrayList();
    DoubleArrayList extra = new DoubleArrayList();
    int eos = endOfTextId();
    for (int n = 1; n < order; n++) {
      ContextCounts c = t.counts()[n];
      if (c == null) continue;
      double k = scale * t.coefficients()[n] / t.totals()[n];
      int[] words = c.words();
      int[] counts = c.counts();
      for (int i = 0; i < words.length; i++) {
        if (words[i] == eos || valid.get(words[i])) {
          ids.add(words[i]);
          extra.add(k * (counts[i] - discounts[n]));
        }
      }
    }
    return new Factored(valid, t.base() * scale, unigramScale, unigramExcess, ids.toIntArray(), extra.toDoubleArray());
  }

  /** Adds order {@code n + 1}'s term, times {@code scale}, to the ids seen after the context (those the mask keeps, when given). */
  private void addSeen(Terms t, int n, double scale, long[] valid, double[] p) {
    ContextCounts c = t.counts()[n];
    if (c == null) return;
    double k = scale * t.coefficients()[n] / t.totals()[n];
    int eos = endOfTextId();
    int[] words = c.words();
    int[] counts = c.counts();
    for (int i = 0; i < words.length; i++) {
      int w = words[i];
      if (valid == null || w == eos || ((w >>> 6) < valid.length && (valid[w >>> 6] & (1L << w)) != 0)) p[w] += k * (counts[i] - discounts[n]);
    }
  }

  /** The unmasked mass of the canonical continuations and end-of-text. */
  private double keptMass(Terms t, BitSet valid) {
    double kept = t.base() * (valid.cardinality() + 1);
    for (int n = 0; n < order; n++) {
      ContextCounts c = t.counts()[n];
      if (c == null) continue;
      kept += t.coefficients()[n] / t.totals()[n] * seenMass(c, n, valid);
    }
    return kept;
  }

  @Override
  public double nextLogProb(int[] context, int id) {
    Terms t = terms(context);
    double p = unmasked(t, id);
    if (mask == null) return Math.log(p);
    BitSet valid = mask.validNext(context);
    if (id != endOfTextId() && !valid.get(id)) return Double.NEGATIVE_INFINITY;
    return Math.log(p / keptMass(t, valid));
  }

  /** The sum of (count - d) over the ids seen after a context that the mask keeps (end-of-text always). */
  private double seenMass(ContextCounts c, int n, BitSet valid) {
    if (c.words().length < 64 || c.context().length == 0) return seenMassOf(c, n, valid);
    // Long lists (the lower orders) recur with the same mask object: remember their sums.
    MaskKey key = new MaskKey(valid);
    synchronized (seenMasses) {
      Map<ContextCounts, Double> byCounts = seenMasses.get(key);
      if (byCounts != null && byCounts.containsKey(c)) return byCounts.get(c);
    }
    double sum = seenMassOf(c, n, valid);
    synchronized (seenMasses) {
      seenMasses.computeIfAbsent(key, k -> new java.util.IdentityHashMap<>()).put(c, sum);
    }
    return sum;
  }

  private double seenMassOf(ContextCounts c, int n, BitSet valid) {
    if (n == 0 && c.context().length == 0) {
      // The unigram list holds nearly every id: its masked sum is the mask's sum of the dense excesses, cached per mask.
      return mask.firstByteSums(valid, unigramExcess).total() + unigramExcess[endOfTextId()];
    }
    double sum = 0;
    int[] words = c.words();
    int[] counts = c.counts();
    for (int i = 0; i < words.length; i++) {
      if (words[i] == endOfTextId() || valid.get(words[i])) sum += counts[i] - discounts[n];
    }
    return sum;
  }


  private static final class Key {
    final int[] ids;
    final int hash;

    Key(int[] ids) {
      this.ids = ids;
      this.hash = Arrays.hashCode(ids);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
