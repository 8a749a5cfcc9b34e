package dev.toksmith.jmh;

import dev.toksmith.DynamicMerger;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.merging.PairMerger;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dynamic batch-level merging (issue 8's target: 1,000 merges on 1,024 sequences of 128 tokens
 * well under a second). The batch is the bundled samples' text tokenized by o200k_base and cut into
 * 1,024 rows of 128 tokens; merges stay inside pre-tokens. {@code merge1000} times the merging alone
 * (counting included); {@code mergeTexts} the whole {@link DynamicMerger#merge} on the rows decoded
 * back to text, tokenizing included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class DynamicMergeBenchmark {
  private static final int ROWS = 1024;
  private static final int LENGTH = 128;
  private static final int MERGES = 1000;

  private Tokenizer o200k;
  private int[][] ids;
  private int[][] words;
  private List<String> texts;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    o200k = Tokenizers.load("o200k_base");
    ids = new int[ROWS][LENGTH];
    words = new int[ROWS][LENGTH];
    int at = 0;
    int wordBase = 0;
    fill:
    for (Sample sample : Samples.all()) {
      for (String line : sample.text().lines().filter(l -> !l.isBlank()).toList()) {
        Encoding e = o200k.encode(line);
        for (int i = 0; i < e.size(); i++, at++) {
          if (at == ROWS * LENGTH) break fill;
          ids[at / LENGTH][at % LENGTH] = e.id(i);
          words[at / LENGTH][at % LENGTH] = wordBase + e.wordId(i);
        }
        wordBase += e.size();
      }
    }
    if (at < ROWS * LENGTH) throw new IllegalStateException("the samples hold only " + at + " tokens");
    texts = new ArrayList<>(ROWS);
    for (int[] row : ids) texts.add(o200k.decode(row));
  }

  @Benchmark
  public long merge1000() {
    PairMerger merger = new PairMerger(ids, o200k.idBound(), (row, from, mid, to) -> words[row][from] == words[row][to - 1]);
    int done = 0;
    while (done < MERGES && merger.mergeNext()) done++;
    if (done < MERGES) throw new IllegalStateException("only " + done + " merges");
    return merger.length();
  }

  @Benchmark
  public long mergeTexts() {
    return DynamicMerger.builder(o200k).maxMerges(MERGES).build().merge(texts).stats().mergedTokens();
  }
}
