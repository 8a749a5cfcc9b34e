package dev.toksmith.core.lm;

import dev.toksmith.api.TokenLanguageModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * Masses are kept in log space relative to the shared anchored prefix, which cancels in every ratio.
 * After the prompt, each emitted byte costs one model call. Each {@link State} reads the model
 * through one {@link TokenLanguageModel#newSession() session}, so a neural model's key/value cache serves every
 * cover: a context one token longer than one asked before costs one incremental step. Thread-safe;
 * each {@link State} is confined to one thread.
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
    return new State(prompt);
  }

  /** A cover: {@code prefix} then {@code last}, of which bytes from {@code offset} on lie past the text. */
  private record Cover(int[] prefix, int last, int offset, double logMass) {}

  /** The covers of a text so far; advances one byte at a time. */
  public final class State implements ByteState {
    private final TokenLanguageModel session = model.newSession();
    private byte[] text;
    private int length;
    private List<Cover> covers = new ArrayList<>();
    /** The text's canonical encoding when it has mass as a cover of its own, else null. */
    private int[] canonical;
    private double canonicalMass;
    private double[] canonicalNext;
    /** What {@link #normalize()} took off every mass, in total. */
    private double shifted;
    /** The encoding of the prompt up to its anchor, whose mass every cover shares. */
    private int[] anchored = new int[0];

    private State(byte[] prompt) {
      text = Arrays.copyOf(prompt, Math.max(16, prompt.length * 2));
      length = prompt.length;
      if (length == 0) {
        canonical = new int[0];
        canonicalMass = 0;
        return;
      }
      int n = length;
      int firstSplit = Math.max(0, n - tokens.maxTokenLength());
      int anchor = tokens.anchor(prompt, firstSplit);
      // The tokens before the anchor are those of the whole prompt; encoding prompt[0, anchor) on its
      // own could differ at its end (a trailing space run splits differently at the end of a text).
      int[] whole = tokens.encode(prompt, 0, n);
      int boundary = 0;
      int count = 0;
      while (boundary < anchor) boundary += tokens.bytes(whole[count++]).length;
      if (boundary != anchor) {
        anchor = 0;
        count = 0;
      }
      anchored = Arrays.copyOf(whole, count);
      Map<List<Integer>, double[]> calls = new HashMap<>();
      canonicalMass = Double.NEGATIVE_INFINITY;
      for (int split = firstSplit; split < n; split++) {
        int[] candidates = tokens.idsStartingWith(prompt, split, n);
        if (candidates.length == 0) continue;
        int[] tail = tokens.encode(prompt, anchor, split);
        int[] left = concat(anchored, tail, tail.length);
        double leftMass = 0;
        for (int j = anchored.length; j < left.length && leftMass > Double.NEGATIVE_INFINITY; j++) {
          leftMass += call(calls, Arrays.copyOf(left, j))[left[j]];
        }
        if (leftMass == Double.NEGATIVE_INFINITY) continue;
        double[] next = call(calls, left);
        for (int v : candidates) {
          double mass = leftMass + next[v];
          if (mass == Double.NEGATIVE_INFINITY || !isCanonicalAfter(prompt, anchor, split, tail, v)) continue;
          int used = n - split;
          if (used == tokens.bytes(v).length) {
            canonical = concat(left, new int[] {v}, 1);
            canonicalMass = mass;
          } else {
            covers.add(new Cover(left, v, used, mass));
          }
        }
      }
      normalize();
    }

    private double[] call(Map<List<Integer>, double[]> calls, int[] context) {
      return calls.computeIfAbsent(Arrays.stream(context).boxed().toList(), k -> session.nextLogProbs(context));
    }

    private boolean isCanonicalAfter(byte[] prompt, int anchor, int split, int[] tail, int v) {
      byte[] v0 = tokens.bytes(v);
      byte[] extended = Arrays.copyOfRange(prompt, anchor, split + v0.length);
      System.arraycopy(v0, 0, extended, split - anchor, v0.length);
      int[] ids = tokens.encode(extended, 0, extended.length);
      return ids.length == tail.length + 1 && ids[tail.length] == v && Arrays.equals(ids, 0, tail.length, tail, 0, tail.length);
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
      Arrays.fill(out, Double.NEGATIVE_INFINITY);
      for (Cover c : covers) {
        int b = tokens.bytes(c.last)[c.offset] & 0xFF;
        out[b] = logAdd(out[b], c.logMass);
      }
      if (canonical != null) {
        double[] next = canonicalNext();
        BitSet valid = tokens.validNext(canonical);
        for (int v = valid.nextSetBit(0); v >= 0; v = valid.nextSetBit(v + 1)) {
          int b = tokens.bytes(v)[0] & 0xFF;
          out[b] = logAdd(out[b], canonicalMass + next[v]);
        }
        out[END] = canonicalMass + next[model.endOfTextId()];
      }
      double total = Double.NEGATIVE_INFINITY;
      for (double x : out) total = logAdd(total, x);
      if (total == Double.NEGATIVE_INFINITY) throw new IllegalStateException("the model gives this text no mass");
      for (int i = 0; i < out.length; i++) out[i] -= total;
      return out;
    }

    private double[] canonicalNext() {
      if (canonicalNext == null) canonicalNext = session.nextLogProbs(canonical);
      return canonicalNext;
    }

    /** Appends byte {@code b} (0..255) to the text. */
    @Override
    public void advance(int b) {
      if (b < 0 || b > 255) throw new IllegalArgumentException("not a byte: " + b);
      List<Cover> next = new ArrayList<>();
      int[] nextCanonical = null;
      double nextCanonicalMass = Double.NEGATIVE_INFINITY;
      for (Cover c : covers) {
        byte[] last = tokens.bytes(c.last);
        if ((last[c.offset] & 0xFF) != b) continue;
        if (c.offset + 1 == last.length) {
          nextCanonical = concat(c.prefix, new int[] {c.last}, 1);
          nextCanonicalMass = logAdd(nextCanonicalMass, c.logMass);
        } else {
          next.add(new Cover(c.prefix, c.last, c.offset + 1, c.logMass));
        }
      }
      if (canonical != null) {
        double[] probs = canonicalNext();
        BitSet valid = tokens.validNext(canonical);
        for (int v : tokens.idsStartingWith(new byte[] {(byte) b}, 0, 1)) {
          double mass = canonicalMass + probs[v];
          if (!valid.get(v) || mass == Double.NEGATIVE_INFINITY) continue;
          if (tokens.bytes(v).length == 1) {
            nextCanonical = concat(canonical, new int[] {v}, 1);
            nextCanonicalMass = logAdd(nextCanonicalMass, mass);
          } else {
            next.add(new Cover(canonical, v, 1, mass));
          }
        }
      }
      if (length == text.length) text = Arrays.copyOf(text, text.length * 2);
      text[length++] = (byte) b;
      covers = next;
      canonical = nextCanonical;
      canonicalMass = nextCanonicalMass;
      canonicalNext = null;
      normalize();
    }

    /** Rescales masses so the largest is 1: only ratios matter, and this keeps them in range. */
    private void normalize() {
      double max = canonical != null ? canonicalMass : Double.NEGATIVE_INFINITY;
      for (Cover c : covers) max = Math.max(max, c.logMass);
      if (max == Double.NEGATIVE_INFINITY) return;
      double shift = max;
      shifted += shift;
      covers.replaceAll(c -> new Cover(c.prefix, c.last, c.offset, c.logMass - shift));
      if (canonical != null) canonicalMass -= shift;
    }

    /**
     * The natural log of the probability that a text starts with the bytes so far: the summed mass of
     * the covers. Costs one model call per token of the prompt's anchored prefix (one incremental
     * step each for a session that keeps a cache).
     */
    public double logPrefixMass() {
      double total = canonical != null ? canonicalMass : Double.NEGATIVE_INFINITY;
      for (Cover c : covers) total = logAdd(total, c.logMass);
      double prefix = 0;
      for (int j = 0; j < anchored.length; j++) prefix += session.nextLogProbs(Arrays.copyOf(anchored, j))[anchored[j]];
      return total + shifted + prefix;
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
