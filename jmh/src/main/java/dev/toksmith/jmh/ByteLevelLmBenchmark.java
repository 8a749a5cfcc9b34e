package dev.toksmith.jmh;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.Scoring;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.samples.Samples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of {@code lm score} (issue 18): canonicality masks, covers, and a scoring step, on the
 * bundled State of the Union samples with an order-3 model trained on the other samples.
 *
 * <ul>
 *   <li>{@code maskLocal}: the masks after every prefix of one paragraph (200 contexts), from empty
 *       caches each time: junction classes, bigram conflicts and masks are all computed;
 *   <li>{@code maskReencoding}: one such mask the old way, re-encoding the tail with every
 *       vocabulary entry;
 *   <li>{@code covers}: reading the paragraph byte by byte through covers with a model whose
 *       distribution is fixed (so the model costs nothing), caches warm;
 *   <li>{@code scoreBytes} / {@code scoreTokens}: {@code lm score}'s work for the paragraph at each
 *       level with the n-gram model, caches warm (the steady state of a long input).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class ByteLevelLmBenchmark {
  @Param({"r50k_base", "o200k_base"})
  public String encoding;

  private Tokenizer tokenizer;
  private TokenBytes tokens;
  private KneserNeyModel model;
  private ByteLevelModel byteModel;
  private ByteLevelModel fixedModel;
  private byte[] paragraph;
  private int[] ids;
  private List<int[]> contexts;

  @Setup(Level.Trial)
  public void setUp() throws java.io.IOException {
    tokenizer = Tokenizers.load(encoding);
    tokens = TokenBytes.of(tokenizer);
    List<int[]> texts = new ArrayList<>();
    for (String name : List.of("sotu-1790-washington", "sotu-1862-lincoln", "sotu-1941-roosevelt", "sotu-1962-kennedy", "us-constitution")) {
      for (String line : Samples.byName(name).text().split("\n")) {
        if (!line.isBlank()) texts.add(tokenizer.encodeIds(line));
      }
    }
    model = KneserNeyModel.train(texts, 3, tokenizer.idBound(), tokens);
    byteModel = new ByteLevelModel(model, tokens);
    double[] fixed = new double[model.vocabSize()];
    Arrays.fill(fixed, -Math.log(fixed.length));
    fixedModel = new ByteLevelModel(new dev.toksmith.api.TokenLanguageModel() {
      @Override
      public int vocabSize() {
        return fixed.length;
      }

      @Override
      public int endOfTextId() {
        return fixed.length - 1;
      }

      @Override
      public double[] nextLogProbs(int[] context) {
        return fixed.clone();
      }
    }, tokens);
    // The sample is one line of 48,000 characters: a paragraph's worth of it, cut at a space.
    String text = Samples.byName("sotu-2021-biden").text();
    String opening = text.substring(0, text.lastIndexOf(' ', 1500));
    paragraph = opening.getBytes(StandardCharsets.UTF_8);
    ids = tokenizer.encodeIds(opening);
    contexts = new ArrayList<>();
    for (int j = 0; j < Math.min(ids.length, 200); j++) contexts.add(Arrays.copyOf(ids, j));
  }

  @Benchmark
  public int maskLocal() {
    TokenBytes fresh = tokens.withEmptyCaches();
    int valid = 0;
    for (int[] context : contexts) valid += fresh.validNext(context).cardinality();
    return valid;
  }

  @Benchmark
  public BitSet maskReencoding() {
    return tokens.validNextByReencoding(contexts.get(contexts.size() / 2));
  }

  @Benchmark
  public double covers() {
    return Scoring.byteLevelBits(fixedModel.start(new byte[0]), paragraph);
  }

  @Benchmark
  public double scoreBytes() {
    return Scoring.byteLevelBits(byteModel.start(new byte[0]), paragraph);
  }

  @Benchmark
  public double scoreTokens() {
    return Scoring.tokenLevelBits(model, ids);
  }
}
