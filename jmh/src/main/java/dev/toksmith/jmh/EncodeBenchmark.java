package dev.toksmith.jmh;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding throughput of a byte-level BPE tokenizer trained on the bundled samples, by toksmith and
 * by Hugging Face's Rust core (through DJL) on the same tokenizer.json. One operation encodes every
 * line of the samples; divide the sample bytes by the time per operation for MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBenchmark {
  private Tokenizer tokenizer;
  private HuggingFace reference;
  private List<String> lines;
  private String longLine;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    tokenizer = ByteLevelBpeTrainer.builder().vocabSize(8000).build().train(Corpus.ofSources(sources)).tokenizer();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Tokenizers.write(tokenizer, json);
    reference = new HuggingFace(json.toString(StandardCharsets.UTF_8));
    lines = new ArrayList<>();
    long bytes = 0;
    for (Sample s : Samples.all()) {
      for (String line : s.text().split("\n")) {
        lines.add(line);
        bytes += line.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    // One piece of 1 MB: no spaces, so the pre-tokenizer cannot split it.
    longLine = "abcdefghijklmnopqrstuvwxyz".repeat(1_000_000 / 26);
    System.out.printf("%n%d lines, %d bytes of sample text%n", lines.size(), bytes);
  }

  @Benchmark
  public void encodeSampleLines(Blackhole bh) {
    for (String line : lines) bh.consume(tokenizer.encodeIds(line));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    reference.close();
  }

  /** Hugging Face, one JNI call per line, as a JVM user calls it. */
  @Benchmark
  public void referenceEncodeSampleLines(Blackhole bh) {
    for (String line : lines) bh.consume(reference.encode(line));
  }

  @Benchmark
  public int[] encodeOneMegabyteWithoutSpaces() {
    return tokenizer.encodeIds(longLine);
  }
}
