package dev.toksmith.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteEnsemble;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.core.lm.CanonicalModel;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.Scoring;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact byte-level probabilities from the tiny GPT-2. The network is random, so it is far from
 * canonical on its own: its next-token distribution, renormalised over canonical continuations
 * (CanonicalModel), is the model whose byte level and token level agree.
 */
class ByteLevelOnnxTest {
  @TempDir static Path dir;
  static OnnxLanguageModel onnx;
  static TokenBytes tokens;
  static CanonicalModel canonical;

  @BeforeAll
  static void load() throws IOException {
    onnx = OnnxLanguageModel.load(TinyGpt2.export(TinyGpt2.WITH_PAST, dir));
    tokens = TokenBytes.of(onnx.tokenizer());
    canonical = new CanonicalModel(onnx, tokens);
  }

  @AfterAll
  static void close() {
    onnx.close();
  }

  /** The byte-token representation lemma, on texts with multi-byte characters, emoji, tabs and a newline. */
  @Test
  void byteAndTokenLevelScoresAgreeWithTheCanonicalMask() {
    for (TinyGpt2.Reference reference : TinyGpt2.references()) {
      byte[] text = reference.text().getBytes(StandardCharsets.UTF_8);
      double tokenBits = Scoring.tokenLevelBits(canonical, reference.ids());
      double byteBits = Scoring.byteLevelBits(new ByteLevelModel(canonical, tokens).start(new byte[0]), text);
      assertEquals(tokenBits, byteBits, 1e-9, reference.text());
    }
  }

  /** Without the mask the network's mass on non-canonical sequences is lost to the byte level, and the two levels part. */
  @Test
  void theRawNetworkIsNotCanonical() {
    TinyGpt2.Reference reference = TinyGpt2.references().get(0);
    byte[] text = reference.text().getBytes(StandardCharsets.UTF_8);
    double tokenBits = Scoring.tokenLevelBits(onnx, reference.ids());
    double byteBits = Scoring.byteLevelBits(new ByteLevelModel(onnx, tokens).start(new byte[0]), text);
    assertTrue(Math.abs(tokenBits - byteBits) > 1e-3, tokenBits + " vs " + byteBits);
    assertTrue(Scoring.tokenLevelBits(canonical, reference.ids()) < tokenBits, "the mask only raises canonical sequences' probability");
  }

  /**
   * Next-byte distributions sum to one before any normalisation: the prefix masses of x followed by
   * each byte, and of x ending there, each from a state of its own, add up to the prefix mass of x.
   * Checked after prompts that end between tokens, inside a token and inside a character.
   */
  @Test
  void nextByteDistributionsSumToOne() {
    ByteLevelModel model = new ByteLevelModel(canonical, tokens);
    byte[] text = "naïve café: “quoted”".getBytes(StandardCharsets.UTF_8);
    for (int end : new int[] {0, 3, 4, 9, 14, 16}) {
      byte[] prompt = Arrays.copyOf(text, end);
      ByteLevelModel.State state = model.start(prompt);
      double[] next = state.nextByteLogProbs();
      double sum = 0;
      for (double p : next) sum += Math.exp(p);
      assertEquals(1, sum, 1e-12);
      double mass = state.logPrefixMass();
      double total = 0;
      for (int b = 0; b < 256; b++) {
        if (next[b] == Double.NEGATIVE_INFINITY) continue;
        byte[] longer = Arrays.copyOf(prompt, end + 1);
        longer[end] = (byte) b;
        double extended = model.start(longer).logPrefixMass();
        assertEquals(next[b], extended - mass, 1e-9, "P(" + b + " | " + end + " bytes)");
        total += Math.exp(extended - mass);
      }
      // P(x, end) from the token level: the canonical ids of x (raw bytes, which may end inside a character), then end-of-text.
      double ending = -Scoring.tokenLevelBits(canonical, tokens.encode(prompt, 0, end)) * Math.log(2);
      assertEquals(next[ByteLevelModel.END], ending - mass, 1e-9, "P(end | " + end + " bytes)");
      total += Math.exp(ending - mass);
      assertEquals(1, total, 1e-9, "after " + end + " bytes");
    }
  }

  /** A byte-level reader steps the network one token at a time; covers that go back reuse their prefix's cache. */
  @Test
  void byteLevelReadingRunsEachTokenOnce() {
    byte[] text = TinyGpt2.references().get(1).text().getBytes(StandardCharsets.UTF_8);
    OnnxLanguageModel.Stats before = onnx.stats();
    Scoring.byteLevelBits(new ByteLevelModel(canonical, tokens).start(new byte[0]), text);
    OnnxLanguageModel.Stats after = onnx.stats();
    long passes = after.forwardPasses() - before.forwardPasses();
    assertEquals(passes, after.tokens() - before.tokens(), "one token per pass: no prefix is run again");
    assertTrue(passes > text.length / 2 && passes < 3L * text.length, passes + " passes for " + text.length + " bytes");
  }

  /**
   * The network and a token n-gram model of another tokenizer, mixed byte by byte: the Bayesian
   * mixture pays at most one bit over the better of the two on a text, and follows neither alone.
   */
  @Test
  void ensembleWithAnNgramModelOfAnotherTokenizer() throws IOException {
    List<Corpus.Source> sources = List.of(new Corpus.Source("constitution", () -> Samples.byName("us-constitution").open()));
    Tokenizer other = ByteLevelBpeTrainer.builder().vocabSize(300).build().train(Corpus.ofSources(sources)).tokenizer();
    TokenBytes otherTokens = TokenBytes.of(other);
    List<int[]> texts = new ArrayList<>();
    for (String line : Samples.byName("us-constitution").text().split("\n")) if (!line.isBlank()) texts.add(other.encodeIds(line));
    ByteLevelModel ngram = new ByteLevelModel(KneserNeyModel.train(texts, 2, other.idBound(), otherTokens), otherTokens);
    ByteLevelModel neural = new ByteLevelModel(canonical, tokens);
    byte[] text = "the United States, in Order to form".getBytes(StandardCharsets.UTF_8);
    double a = Scoring.byteLevelBits(neural.start(new byte[0]), text);
    double b = Scoring.byteLevelBits(ngram.start(new byte[0]), text);
    double mixed = Scoring.byteLevelBits(new ByteEnsemble(List.of(neural, ngram), ByteEnsemble.Kind.MIXTURE).start(new byte[0]), text);
    assertTrue(mixed <= Math.min(a, b) + 1 + 1e-9 && mixed >= Math.min(a, b) - 1e-9, mixed + " vs " + a + ", " + b);
    assertTrue(Math.abs(mixed - a) > 1e-3 && Math.abs(mixed - b) > 1e-3, mixed + " vs " + a + ", " + b);
  }
}
