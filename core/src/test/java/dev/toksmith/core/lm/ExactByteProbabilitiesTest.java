package dev.toksmith.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.TokenLanguageModel;
import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The exact check of the method (METHODS section 4): a byte-level Markov source over {a, b, c} that
 * ends by length 7, every string it can produce tokenized canonically, and a token model derived from
 * the source's mass, so the true byte-level probabilities are known by enumeration. Covers must give
 * them exactly, for ranked-merge BPE and for a maximal-prefix tokenizer.
 */
class ExactByteProbabilitiesTest {
  private static final int MAX_LENGTH = 7;
  private static final String ALPHABET = "abc";
  /** P(next | previous) over a, b, c, end; the row for the start of a text is "^". */
  private static final Map<Character, double[]> SOURCE =
      Map.of(
          '^', new double[] {0.5, 0.3, 0.15, 0.05},
          'a', new double[] {0.2, 0.5, 0.2, 0.1},
          'b', new double[] {0.3, 0.1, 0.45, 0.15},
          'c', new double[] {0.6, 0.2, 0.1, 0.1});
  private static final String[] MERGES = {"ab", "bc", "ca", "aa", "abc", "cab", "aab"};

  private static final List<String> TEXTS = allStrings(MAX_LENGTH);

  private static List<String> allStrings(int maxLength) {
    List<String> out = new ArrayList<>(List.of(""));
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).length() == maxLength) continue;
      for (char c : ALPHABET.toCharArray()) out.add(out.get(i) + c);
    }
    return out;
  }

  /** Probability that the source emits exactly {@code s}. */
  private static double sourceProbability(String s) {
    double p = 1;
    char previous = '^';
    for (char c : s.toCharArray()) {
      p *= SOURCE.get(previous)[ALPHABET.indexOf(c)];
      previous = c;
    }
    return s.length() == MAX_LENGTH ? p : p * SOURCE.get(previous)[3];
  }

  private static final Map<String, Double> PREFIX_MASS = new HashMap<>();

  static {
    for (String s : TEXTS) {
      for (int k = 0; k <= s.length(); k++) PREFIX_MASS.merge(s.substring(0, k), sourceProbability(s), Double::sum);
    }
  }

  /** Probability that the source's text starts with {@code x}. */
  private static double prefixMass(String x) {
    return PREFIX_MASS.getOrDefault(x, 0.0);
  }

  private static byte[][] vocabulary() {
    byte[][] tokens = new byte[256 + MERGES.length][];
    for (int b = 0; b < 256; b++) tokens[b] = new byte[] {(byte) b};
    for (int i = 0; i < MERGES.length; i++) tokens[256 + i] = MERGES[i].getBytes(StandardCharsets.US_ASCII);
    return tokens;
  }

  private static TokenBytes rankedMerges() {
    TiktokenTokenizer bpe = new TiktokenTokenizer("abc", "[a-c]+|[^a-c]+", new TiktokenModel(vocabulary()), Map.of());
    return TokenBytes.of(bpe);
  }

  private static TokenBytes maximalPrefix() {
    byte[][] vocabulary = vocabulary();
    Function<byte[], int[]> longestMatch = text -> {
      IntArrayList ids = new IntArrayList();
      int at = 0;
      while (at < text.length) {
        int best = text[at] & 0xFF;
        for (int id = 256; id < vocabulary.length; id++) {
          byte[] t = vocabulary[id];
          if (t.length > vocabulary[best].length && at + t.length <= text.length && Arrays.equals(t, 0, t.length, text, at, at + t.length)) best = id;
        }
        ids.add(best);
        at += vocabulary[best].length;
      }
      return ids.toIntArray();
    };
    return new TokenBytes(vocabulary, longestMatch, (text, end) -> 0);
  }

  /** P(v | context) = M(context v) / M(context), M the source mass of canonical encodings starting so. */
  private static TokenLanguageModel derivedModel(TokenBytes tokens) {
    Map<List<Integer>, Double> prefixMass = new HashMap<>();
    Map<List<Integer>, Double> completeMass = new HashMap<>();
    for (String s : TEXTS) {
      double p = sourceProbability(s);
      int[] ids = tokens.encode(s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
      List<Integer> list = Arrays.stream(ids).boxed().toList();
      for (int k = 0; k <= list.size(); k++) prefixMass.merge(list.subList(0, k), p, Double::sum);
      completeMass.merge(list, p, Double::sum);
    }
    int eos = tokens.idBound();
    return new TokenLanguageModel() {
      @Override
      public int vocabSize() {
        return eos + 1;
      }

      @Override
      public int endOfTextId() {
        return eos;
      }

      @Override
      public double[] nextLogProbs(int[] context) {
        List<Integer> ctx = Arrays.stream(context).boxed().toList();
        double[] out = new double[eos + 1];
        double mass = prefixMass.getOrDefault(ctx, 0.0);
        if (mass == 0) {
          Arrays.fill(out, -Math.log(out.length));
          return out;
        }
        List<Integer> extended = new ArrayList<>(ctx);
        extended.add(0);
        for (int v = 0; v < eos; v++) {
          extended.set(ctx.size(), v);
          out[v] = Math.log(prefixMass.getOrDefault(extended, 0.0) / mass);
        }
        out[eos] = Math.log(completeMass.getOrDefault(ctx, 0.0) / mass);
        return out;
      }
    };
  }

  @Test
  void rankedMergeCoversGiveTheSourcesByteProbabilities() {
    checkExact(rankedMerges());
  }

  @Test
  void maximalPrefixCoversGiveTheSourcesByteProbabilities() {
    checkExact(maximalPrefix());
  }

  private static void checkExact(TokenBytes tokens) {
    ByteLevelModel model = new ByteLevelModel(derivedModel(tokens), tokens);
    for (String x : TEXTS) {
      double mass = prefixMass(x);
      ByteLevelModel.State started = model.start(x.getBytes(StandardCharsets.US_ASCII));
      assertEquals(mass, Math.exp(started.logPrefixMass()), 1e-12, "prefix mass of '" + x + "'");
      double[] next = started.nextByteLogProbs();
      double sum = 0;
      for (double lp : next) sum += Math.exp(lp);
      assertEquals(1.0, sum, 1e-12, "next-byte distribution after '" + x + "' sums to one");
      for (char c : ALPHABET.toCharArray()) {
        double expected = x.length() == MAX_LENGTH ? 0 : prefixMass(x + c) / mass;
        assertEquals(expected, Math.exp(next[c]), 1e-12, "P(" + c + " | '" + x + "')");
      }
      assertEquals(sourceProbability(x) / mass, Math.exp(next[ByteLevelModel.END]), 1e-12, "P(end | '" + x + "')");
    }
  }

  @Test
  void advancingByteByByteMatchesStartingFromThePrompt() {
    for (TokenBytes tokens : List.of(rankedMerges(), maximalPrefix())) {
      ByteLevelModel model = new ByteLevelModel(derivedModel(tokens), tokens);
      for (String x : TEXTS) {
        if (x.length() < MAX_LENGTH) continue;
        ByteLevelModel.State walked = model.start(new byte[0]);
        for (int i = 0; i < x.length(); i++) {
          double[] next = walked.nextByteLogProbs();
          String prefix = x.substring(0, i);
          assertEquals(prefixMass(prefix + x.charAt(i)) / prefixMass(prefix), Math.exp(next[x.charAt(i)]), 1e-12, "P(" + x.charAt(i) + " | '" + prefix + "')");
          walked.advance(x.charAt(i));
        }
        assertEquals(prefixMass(x), Math.exp(walked.logPrefixMass()), 1e-12, "prefix mass of '" + x + "' walked");
      }
    }
  }

  /** Summing next-token probabilities by first byte ignores the covers: visibly wrong. */
  @Test
  void naiveNextTokenMarginalIsBiased() {
    TokenBytes tokens = rankedMerges();
    TokenLanguageModel lm = derivedModel(tokens);
    double worst = 0;
    for (String x : TEXTS) {
      double mass = prefixMass(x);
      if (x.isEmpty() || x.length() == MAX_LENGTH || mass == 0) continue;
      double[] next = lm.nextLogProbs(tokens.encode(x.getBytes(StandardCharsets.US_ASCII), 0, x.length()));
      for (char c : ALPHABET.toCharArray()) {
        double naive = 0;
        for (int v : tokens.idsStartingWith(new byte[] {(byte) c}, 0, 1)) naive += Math.exp(next[v]);
        worst = Math.max(worst, Math.abs(naive - prefixMass(x + c) / mass));
      }
    }
    assertTrue(worst > 0.3, "the naive method's largest absolute error is " + worst);
  }
}
