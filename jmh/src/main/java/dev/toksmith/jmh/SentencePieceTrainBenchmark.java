package dev.toksmith.jmh;

import dev.toksmith.Corpus;
import dev.toksmith.SentencePieceTrainer;
import dev.toksmith.api.SentencePieceTrainingResult;
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

/**
 * Training time of 4,000-piece SentencePiece models (Unigram and BPE, spm_train's other defaults) on
 * the bundled samples (about 2.5 MB), reading included, on one thread. The whole-process comparison
 * with sentencepiece's own trainer is compare-training-sp.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class SentencePieceTrainBenchmark {
  @Benchmark
  public SentencePieceTrainingResult unigramOnSamples() throws Exception {
    return SentencePieceTrainer.unigram().vocabSize(4000).threads(1).build().train(samples());
  }

  @Benchmark
  public SentencePieceTrainingResult bpeOnSamples() throws Exception {
    return SentencePieceTrainer.bpe().vocabSize(4000).threads(1).build().train(samples());
  }

  private static Corpus samples() {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    return Corpus.ofSources(sources);
  }
}
