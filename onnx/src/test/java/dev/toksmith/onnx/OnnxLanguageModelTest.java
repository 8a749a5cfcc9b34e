package dev.toksmith.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.TokenLanguageModel;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny GPT-2 through ONNX Runtime against PyTorch, and the cached path against the uncached one. */
class OnnxLanguageModelTest {
  @TempDir static Path dir;
  static OnnxLanguageModel withPast;
  static OnnxLanguageModel noPast;

  @BeforeAll
  static void load() throws IOException {
    withPast = OnnxLanguageModel.load(TinyGpt2.export(TinyGpt2.WITH_PAST, dir));
    noPast = OnnxLanguageModel.load(TinyGpt2.export(TinyGpt2.NO_PAST, dir));
  }

  @AfterAll
  static void close() {
    withPast.close();
    noPast.close();
  }

  @Test
  void readsTheExportsLayout() {
    assertTrue(withPast.hasCache());
    assertFalse(noPast.hasCache());
    for (OnnxLanguageModel model : List.of(withPast, noPast)) {
      assertEquals(320, model.vocabSize());
      assertEquals(319, model.endOfTextId());
      assertEquals(319, model.startId());
      assertEquals(256, model.maxPositions());
      assertEquals(320, model.tokenizer().idBound());
    }
  }

  /** toksmith's tokenizer gives Hugging Face's ids, and both exports give PyTorch's log-probabilities after every prefix. */
  @Test
  void tokenLogProbsEqualPyTorchs() {
    List<TinyGpt2.Reference> references = TinyGpt2.references();
    assertEquals(4, references.size());
    for (TinyGpt2.Reference reference : references) {
      assertArrayEquals(reference.ids(), withPast.tokenizer().encodeIds(reference.text()), reference.text());
      TokenLanguageModel session = withPast.newSession();
      for (int j = 0; j <= reference.ids().length; j++) {
        int[] context = Arrays.copyOf(reference.ids(), j);
        String where = reference.text() + " after " + j + " ids";
        assertClose(reference.logProbs()[j], withPast.nextLogProbs(context), 1e-4, where + " (whole context)");
        assertClose(reference.logProbs()[j], session.nextLogProbs(context), 1e-4, where + " (one step at a time)");
        assertClose(reference.logProbs()[j], noPast.nextLogProbs(context), 1e-4, where + " (export without a cache)");
      }
    }
  }

  /**
   * Contexts with shared prefixes, read in random order by one session, give what each gives read
   * from scratch; so does a session whose budget forces it to drop branches all the time.
   */
  @Test
  void cachedPathEqualsUncachedPath() {
    SplittableRandom random = new SplittableRandom(11);
    List<int[]> contexts = new ArrayList<>();
    int[] trunk = withPast.tokenizer().encodeIds("We the People of the United States, in Order to form");
    for (int i = 0; i < 60; i++) {
      int[] branch = Arrays.copyOf(trunk, random.nextInt(trunk.length + 1));
      int extra = random.nextInt(4);
      int[] context = Arrays.copyOf(branch, branch.length + extra);
      for (int e = 0; e < extra; e++) context[branch.length + e] = random.nextInt(319);
      contexts.add(context);
    }
    TokenLanguageModel roomy = withPast.newSession();
    TokenLanguageModel cramped = new KvCacheSession(withPast, 20_000);
    OnnxLanguageModel.Stats before = withPast.stats();
    double cached = 0;
    double otherExport = 0;
    for (int[] context : contexts) {
      double[] fresh = withPast.nextLogProbs(context);
      cached = Math.max(cached, maxDifference(fresh, roomy.nextLogProbs(context)));
      cached = Math.max(cached, maxDifference(fresh, cramped.nextLogProbs(context)));
      otherExport = Math.max(otherExport, maxDifference(fresh, noPast.nextLogProbs(context)));
    }
    // float32 sums in another order (attention over caches of other lengths): up to 1e-5 seen
    assertTrue(cached < 1e-4, "cached and uncached differ by " + cached);
    assertTrue(otherExport < 1e-4, "the exports with and without a cache differ by " + otherExport);
    assertTrue(withPast.stats().forwardPasses() > before.forwardPasses());
  }

  /** Reading a text token by token costs one forward pass of one token each, whatever came before in the session. */
  @Test
  void eachNewTokenIsOneIncrementalPass() {
    int[] ids = withPast.tokenizer().encodeIds("Congress shall have Power To lay and collect Taxes");
    TokenLanguageModel session = withPast.newSession();
    session.nextLogProbs(Arrays.copyOf(ids, 5));
    OnnxLanguageModel.Stats before = withPast.stats();
    for (int j = 6; j <= ids.length; j++) session.nextLogProbs(Arrays.copyOf(ids, j));
    // Back to a shorter context, and on from it another way: its cache is still in the tree.
    int[] other = Arrays.copyOf(ids, 4);
    other[3] = 77;
    session.nextLogProbs(other);
    session.nextLogProbs(Arrays.copyOf(ids, 3));
    OnnxLanguageModel.Stats after = withPast.stats();
    assertEquals(ids.length - 5 + 1, after.forwardPasses() - before.forwardPasses(), "one pass per new context; the known one is answered from the tree");
    assertEquals(after.forwardPasses() - before.forwardPasses(), after.tokens() - before.tokens(), "one token per pass");
  }

  /** With several end-of-text ids in config.json, their mass adds up under the first. */
  @Test
  void severalEndOfTextIdsAddUp() throws IOException {
    Path copy = TinyGpt2.export(TinyGpt2.WITH_PAST, dir.resolve("several-eos"));
    Files.writeString(copy.resolve("config.json"), Files.readString(copy.resolve("config.json")).replace("\"eos_token_id\": 319", "\"eos_token_id\": [319, 7]"));
    int[] context = withPast.tokenizer().encodeIds("We the");
    double[] single = withPast.nextLogProbs(context);
    try (OnnxLanguageModel merged = OnnxLanguageModel.load(copy)) {
      assertEquals(319, merged.endOfTextId());
      assertEquals(319, merged.startId());
      double[] p = merged.nextLogProbs(context);
      assertEquals(Math.log(Math.exp(single[319]) + Math.exp(single[7])), p[319], 1e-12);
      assertEquals(Double.NEGATIVE_INFINITY, p[7]);
      assertEquals(single[8], p[8]);
    }
  }

  @Test
  void refusesWhatItCannotRun() throws IOException {
    assertThrows(NoSuchFileException.class, () -> OnnxLanguageModel.load(dir.resolve("missing")));
    Path noConfig = TinyGpt2.export(TinyGpt2.WITH_PAST, dir.resolve("no-config"));
    Files.delete(noConfig.resolve("config.json"));
    assertTrue(assertThrows(NoSuchFileException.class, () -> OnnxLanguageModel.load(noConfig)).getMessage().contains("config.json"));
    Path garbage = TinyGpt2.export(TinyGpt2.WITH_PAST, dir.resolve("garbage"));
    Files.writeString(garbage.resolve(OnnxLanguageModel.MODEL_FILE), "not a model");
    assertTrue(assertThrows(TokenizerFormatException.class, () -> OnnxLanguageModel.load(garbage)).getMessage().contains("ONNX Runtime cannot load it"));
    Path badConfig = TinyGpt2.export(TinyGpt2.WITH_PAST, dir.resolve("bad-config"));
    Files.writeString(badConfig.resolve("config.json"), "{\"bos_token_id\": 319}");
    assertTrue(assertThrows(TokenizerFormatException.class, () -> OnnxLanguageModel.load(badConfig)).getMessage().contains("no eos_token_id"));

    assertThrows(IllegalArgumentException.class, () -> withPast.nextLogProbs(new int[] {320}));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> withPast.nextLogProbs(new int[256])).getMessage().contains("256 positions"));
    assertEquals(320, withPast.nextLogProbs(new int[255]).length, "the longest context that fits");
  }

  private static double maxDifference(double[] a, double[] b) {
    assertEquals(a.length, b.length);
    double worst = 0;
    for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    return worst;
  }

  private static void assertClose(float[] expected, double[] actual, double tolerance, String where) {
    assertEquals(expected.length, actual.length, where);
    for (int v = 0; v < expected.length; v++) assertEquals(expected[v], actual[v], tolerance, where + ", id " + v);
  }
}
