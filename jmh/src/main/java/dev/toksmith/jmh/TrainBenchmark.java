package dev.toksmith.jmh;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Training time of an 8,000-token byte-level BPE on the bundled samples (about 2.5 MB). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class TrainBenchmark {
  @Benchmark
  public TrainingResult trainOnSamples() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    return ByteLevelBpeTrainer.builder().vocabSize(8000).build().train(Corpus.ofSources(sources));
  }
}
