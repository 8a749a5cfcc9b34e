package dev.toksmith.core.lm;

import dev.toksmith.api.TokenLanguageModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Exact next-byte distributions from a token-level language model (Phan et al., ICLR 2025). The
 * probability that a text starts with bytes {@code x} is the summed prefix mass of its <em>covers</em>:
 * the canonical id sequences whose last token spans the end of {@code x}. Sorting the covers by the
 * byte that follows {@code x}, plus the continuations of {@code x}'s own encoding, gives the
 * next-byte distribution, end-of-text included. Exact when the model gives no mass to non-canonical
 * id sequences ({@link KneserNeyModel} with a mask does).
 *
 * <p>Split points are every byte offset, not only character boundaries: byte-level BPE cuts
 * characters (r50k encodes {@code " “The"} as {@code " \xe2\x80"}, {@code "\x9c"}, {@code "The"}).
 * The covers that share a context are kept together as a run of the tokens sorted by bytes (a
 * prefix structure over token bytes): each byte narrows every run by a binary search and never
 * looks at a token twice, and a token that ends with the byte makes the new canonical context, the
 * one model call of that byte (at most one per token of the text). Masses are kept in log space,
 * rescaled so the largest is 1, which cancels in every ratio. Each {@link State} reads the model
 * through one {@link TokenLanguageModel#newSession() session}, and every context it asks extends one
 * asked before by one token, so a neural model's key/value cache makes each call one incremental
 * step. Thread-safe; each {@link State} is confined to one thread.
 */
public final class ByteLevelModel {
  /** Index of end-of-text in a next-byte distribution (after bytes 0..255). */
  public static final int END = 256;

  private final TokenLanguageModel model;
  private final TokenBytes tokens;

  public ByteLevelModel(TokenLanguageModel model, TokenBytes tokens) {
    if (model.vocabSize() < tokens.idBound()) {
      throw new IllegalArgumentException("the model scores " + model.vocabSize() + " ids but the tokenizer has " + tokens.idBound());
    }
    this.model = model;
    this.tokens = tokens;
  }

  /** The tokenizer's byte view. */
  public TokenBytes tokens() {
    return tokens;
  }

  /** The token-level model. */
  public TokenLanguageModel model() {
    return model;
  }

  /** The state after {@code prompt}, which may end anywhere, even inside a character. */
  public State start(byte[] prompt) {
    State state = new State();
    for (byte b : prompt) state.advance(b & 0xFF);
    return state;
  }

  /**
   * The next-token distribution after one canonical context, masked to its canonical continuations
   * and laid out in the byte order of {@link TokenBytes#ids()}, so that the tokens sharing a prefix
   * are one run of it.
   */
  private final class Context {
    final int[] ids;
    final double[] sorted;
    final double endOfText;
    /** Summed mass of each first byte, computed on first use. */
    double[] byFirstByte;

    Context(TokenLanguageModel session, int[] ids) {
      this.ids = ids;
      double[] p = session.nextProbs(ids);
      long[] valid = tokens.validNext(ids).toLongArray();
      int[] order = tokens.ids();
      sorted = new double[order.length];
      for (int i = 0; i < order.length; i++) {
        int id = order[i];
        if ((id >>> 6) < valid.length && (valid[id >>> 6] & (1L << id)) != 0) sorted[i] = p[id];
      }
      endOfText = p[model.endOfTextId()];
    }

    double[] byFirstByte() {
      if (byFirstByte == null) {
        double[] out = new double[END];
        addRuns(sorted, 0, sorted.length, 0, 1, out);
        byFirstByte = out;
      }
      return byFirstByte;
    }
  }

  /**
   * Covers that share a context: the canonical continuations of {@code context} whose bytes start
   * with the {@code depth} bytes of the text after it, which are the run {@code [lo, hi)} of {@link
   * TokenBytes#ids()}; all of them are longer than {@code depth}.
   */
  private record Cover(Context context, double logMass, int lo, int hi, int depth) {}

  /** Adds {@code weight} times the mass of each run of {@code [lo, hi)} to the entry of its byte at {@code depth}. */
  private void addRuns(double[] sorted, int lo, int hi, int depth, double weight, double[] out) {
    for (int i = lo; i < hi; ) {
      int b = tokens.byteAt(i, depth);
      int end = tokens.runEnd(i, hi, depth);
      double sum = 0;
      for (int k = i; k < end; k++) sum += sorted[k];
      out[b] += weight * sum;
      i = end;
    }
  }

  /** The covers of a text so far; advances one byte at a time. */
  public final class State implements ByteState {
    private final TokenLanguageModel session = model.newSession();
    private byte[] text = new byte[16];
    private int length;
    private List<Cover> covers = new ArrayList<>();
    /** The context that is the text's canonical encoding, when it has mass; else null. */
    private Context canonical;
    private double canonicalMass;
    /** What {@link #normalize()} took off every mass, in total. */
    private double shifted;

    private State() {
      canonical = new Context(session, new int[0]);
      canonicalMass = 0;
    }

    /** The bytes so far. */
    public byte[] text() {
      return Arrays.copyOf(text, length);
    }

    /**
     * Natural-log probabilities of each next byte (indices 0..255) and of end-of-text ({@link #END});
     * {@code Double.NEGATIVE_INFINITY} where impossible.
     */
    @Override
    public double[] nextByteLogProbs() {
      double[] out = new double[END + 1];
      if (canonical != null) {
        double weight = Math.exp(canonicalMass);
        double[] first = canonical.byFirstByte();
        for (int b = 0; b < END; b++) out[b] += weight * first[b];
        out[END] = weight * canonical.endOfText;
      }
      for (Cover c : covers) addRuns(c.context.sorted, c.lo, c.hi, c.depth, Math.exp(c.logMass), out);
      double total = 0;
      for (double x : out) total += x;
      if (total == 0) throw new IllegalStateException("the model gives this text no mass");
      for (int i = 0; i < out.length; i++) out[i] = Math.log(out[i] / total);
      return out;
    }

    /** Appends byte {@code b} (0..255) to the text. */
    @Override
    public void advance(int b) {
      if (b < 0 || b > 255) throw new IllegalArgumentException("not a byte: " + b);
      List<Cover> next = new ArrayList<>();
      int[] nextCanonical = null;
      double nextCanonicalMass = Double.NEGATIVE_INFINITY;
      if (canonical != null) {
        covers.add(new Cover(canonical, canonicalMass, 0, tokens.ids().length, 0));
      }
      for (Cover c : covers) {
        int lo = tokens.runStart(c.lo, c.hi, c.depth, b);
        if (lo == c.hi || tokens.byteAt(lo, c.depth) != b) continue;
        int hi = tokens.runEnd(lo, c.hi, c.depth);
        int depth = c.depth + 1;
        int whole = tokens.ids()[lo];
        if (tokens.bytes(whole).length == depth) {
          // A token ends with this byte: the context and it are the new text's canonical encoding.
          double p = c.context.sorted[lo];
          if (p > 0) {
            nextCanonicalMass = logAdd(nextCanonicalMass, c.logMass + Math.log(p));
            nextCanonical = concat(c.context.ids, new int[] {whole}, 1);
          }
          lo++;
        }
        if (lo < hi) next.add(new Cover(c.context, c.logMass, lo, hi, depth));
      }
      if (length == text.length) text = Arrays.copyOf(text, text.length * 2);
      text[length++] = (byte) b;
      covers = next;
      canonical = nextCanonical == null ? null : new Context(session, nextCanonical);
      canonicalMass = nextCanonicalMass;
      normalize();
    }

    /** Rescales masses so the largest is 1: only ratios matter, and this keeps them in range. */
    private void normalize() {
      double max = canonical != null ? canonicalMass : Double.NEGATIVE_INFINITY;
      for (Cover c : covers) max = Math.max(max, c.logMass);
      if (max == Double.NEGATIVE_INFINITY) return;
      double shift = max;
      shifted += shift;
      covers.replaceAll(c -> new Cover(c.context, c.logMass - shift, c.lo, c.hi, c.depth));
      if (canonical != null) canonicalMass -= shift;
    }

    /**
     * The natural log of the probability that a text starts with the bytes so far: the summed mass of
     * the covers.
     */
    public double logPrefixMass() {
      double total = canonical != null ? Math.exp(canonicalMass) : 0;
      for (Cover c : covers) {
        double sum = 0;
        for (int k = c.lo; k < c.hi; k++) sum += c.context.sorted[k];
        total += Math.exp(c.logMass) * sum;
      }
      return Math.log(total) + shifted;
    }
  }

  private static int[] concat(int[] a, int[] b, int bLength) {
    int[] out = Arrays.copyOf(a, a.length + bLength);
    System.arraycopy(b, 0, out, a.length, bLength);
    return out;
  }

  /** log(e^a + e^b) without overflow. */
  static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) return b;
    if (b == Double.NEGATIVE_INFINITY) return a;
    double max = Math.max(a, b);
    return max + Math.log1p(Math.exp(Math.min(a, b) - max));
  }
}
