package dev.toksmith.core.lm;

import dev.toksmith.api.ByteLevelLanguageModel;
import dev.toksmith.api.ByteState;
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
public final class ByteLevelModel implements ByteLevelLanguageModel {
  /** Index of end-of-text in a next-byte distribution: {@link ByteState#END}. */
  public static final int END = ByteState.END;

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

  @Override
  public State start(byte[] prompt) {
    State state = new State();
    for (byte b : prompt) state.advance(b & 0xFF);
    return state;
  }

  /**
   * The next-token distribution after one canonical context, masked to its canonical continuations.
   * Covers read it in the byte order of {@link TokenBytes#ids()}, so that the tokens sharing a
   * prefix are one run of it; every cover of a context lies in the run of one first byte (the
   * text's next byte), so only that run is laid out in byte order, when first read. The sums by
   * first byte come from one pass in id order.
   */
  private final class Context {
    final int[] ids;
    final double endOfText;
    /** Summed mass of each first byte. */
    final double[] byFirstByte = new double[END];
    /** The masked probabilities of the ids of each first byte's run in byte order, once read. */
    private final double[][] runs = new double[END][];
    /** The mask's words. */
    private final long[] valid;
    /** The distribution in id order, or null when factored. */
    private final double[] p;
    /** The distribution factored, or null when dense. */
    private final FactoredModel.Factored factored;

    Context(TokenLanguageModel session, int[] ids) {
      this.ids = ids;
      factored = session instanceof FactoredModel f ? f.factored(ids, tokens) : null;
      byte[] firstBytes = tokens.firstBytes();
      if (factored != null) {
        // The shared part's sums by first byte come from the mask's cache; the context's own ids are added.
        p = null;
        TokenTable.FirstByteSums sums = tokens.firstByteSums(factored.mask(), factored.weights());
        valid = factored.mask().toLongArray();
        for (int b = 0; b < END; b++) byFirstByte[b] = factored.base() * sums.counts()[b] + factored.scale() * sums.weights()[b];
        int eos = model.endOfTextId();
        double eosMass = factored.base() + factored.scale() * factored.weights()[eos];
        int[] extraIds = factored.ids();
        for (int i = 0; i < extraIds.length; i++) {
          if (extraIds[i] == eos) eosMass += factored.extra()[i];
          else byFirstByte[firstBytes[extraIds[i]] & 0xFF] += factored.extra()[i];
        }
        endOfText = eosMass;
        return;
      }
      p = session.nextProbs(ids);
      valid = tokens.validNext(ids).toLongArray();
      // Four interleaved sums per byte, so that neighbouring ids with the same first byte (half the
      // vocabulary starts with a space) do not wait for each other's additions.
      double[] sums = new double[4 * END];
      for (int i = 0; i < valid.length; i++) {
        for (long word = valid[i]; word != 0; word &= word - 1) {
          int id = (i << 6) + Long.numberOfTrailingZeros(word);
          if (id >= firstBytes.length) break;
          sums[(firstBytes[id] & 0xFF) << 2 | (id & 3)] += p[id];
        }
      }
      System.arraycopy(TokenTable.fold(sums), 0, byFirstByte, 0, END);
      endOfText = p[model.endOfTextId()];
    }

    /** The run of first byte {@code b}: masked probabilities from position {@link TokenTable#firstByteStart} on. */
    double[] run(int b) {
      double[] run = runs[b];
      if (run == null) {
        int[] order = tokens.ids();
        int from = tokens.firstByteStart(b);
        run = new double[tokens.firstByteStart(b + 1) - from];
        for (int k = 0; k < run.length; k++) {
          int id = order[from + k];
          if ((id >>> 6) < valid.length && (valid[id >>> 6] & (1L << id)) != 0) {
            run[k] = p != null ? p[id] : factored.base() + factored.scale() * factored.weights()[id];
          }
        }
        if (factored != null) {
          int[] extraIds = factored.ids();
          for (int i = 0; i < extraIds.length; i++) {
            int at = tokens.positionOf(extraIds[i]) - from;
            if (at >= 0 && at < run.length) run[at] += factored.extra()[i];
          }
        }
        runs[b] = run;
      }
      return run;
    }
  }

  /**
   * Covers that share a context: the canonical continuations of {@code context} whose bytes start
   * with the {@code depth} bytes of the text after it, which are the run {@code [lo, hi)} of {@link
   * TokenBytes#ids()}; all of them are longer than {@code depth}.
   */
  private record Cover(Context context, double logMass, int lo, int hi, int depth) {
    /** The masked probabilities of the run of the cover's first byte (from {@link TokenTable#firstByteStart} on). */
    double[] run(TokenBytes tokens) {
      return context.run(tokens.byteAt(lo, 0));
    }
  }

  /** Adds {@code weight} times the mass of each run of the cover at its depth to the entry of its byte there. */
  private void addRuns(Cover c, double weight, double[] out) {
    double[] run = c.run(tokens);
    int offset = tokens.firstByteStart(tokens.byteAt(c.lo, 0));
    for (int i = c.lo; i < c.hi; ) {
      int b = tokens.byteAt(i, c.depth);
      int end = tokens.runEnd(i, c.hi, c.depth);
      double sum = 0;
      for (int k = i; k < end; k++) sum += run[k - offset];
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
        double[] first = canonical.byFirstByte;
        for (int b = 0; b < END; b++) out[b] += weight * first[b];
        out[END] = weight * canonical.endOfText;
      }
      for (Cover c : covers) addRuns(c, Math.exp(c.logMass), out);
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
        // The canonical context's continuations that start with b: the run of b, at depth 1.
        int lo = tokens.firstByteStart(b);
        int hi = tokens.firstByteStart(b + 1);
        if (lo < hi) covers.add(new Cover(canonical, canonicalMass, lo, hi, 0));
      }
      for (Cover c : covers) {
        int lo = c.depth == 0 ? c.lo : tokens.runStart(c.lo, c.hi, c.depth, b);
        if (lo == c.hi || tokens.byteAt(lo, c.depth) != b) continue;
        int hi = c.depth == 0 ? c.hi : tokens.runEnd(lo, c.hi, c.depth);
        int depth = c.depth + 1;
        int whole = tokens.ids()[lo];
        if (tokens.bytes(whole).length == depth) {
          // A token ends with this byte: the context and it are the new text's canonical encoding.
          double p = c.run(tokens)[lo - tokens.firstByteStart(tokens.byteAt(lo, 0))];
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
        double[] run = c.run(tokens);
        int offset = tokens.firstByteStart(tokens.byteAt(c.lo, 0));
        double sum = 0;
        for (int k = c.lo; k < c.hi; k++) sum += run[k - offset];
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
