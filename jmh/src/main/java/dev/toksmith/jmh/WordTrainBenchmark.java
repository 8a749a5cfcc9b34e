package dev.toksmith.jmh;

import dev.toksmith.Corpus;
import dev.toksmith.WordLevelTrainer;
import dev.toksmith.WordPieceTrainer;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training time of Hugging Face-style WordPiece (30,000 tokens, BERT defaults) and WordLevel
 * (30,000 words) vocabularies on the bundled samples (about 2.5 MB in 30 languages), reading
 * included, on one and two counting threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class WordTrainBenchmark {
  @Param({"1", "2"})
  int threads;

  private static Corpus samples() {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    return Corpus.ofSources(sources);
  }

  @Benchmark
  public TrainingResult wordPieceOnSamples() throws Exception {
    return WordPieceTrainer.builder().threads(threads).build().train(samples());
  }

  @Benchmark
  public TrainingResult wordLevelOnSamples() throws Exception {
    return WordLevelTrainer.builder().threads(threads).build().train(samples());
  }
}
