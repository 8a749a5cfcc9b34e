package dev.toksmith.jmh;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.Tokenizers;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The built-in tiktoken encodings, toksmith against jtokkit in the same JVM on the same text: one
 * operation encodes every document of the benchmark corpus ({@link BenchCorpus}) as ordinary text.
 * Divide the corpus bytes by the time per operation for MB/s; the two-thread variants run two such
 * operations at once, each thread on its own copy of the work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class TiktokenEncodeBenchmark {
  @Param({"r50k_base", "cl100k_base", "o200k_base"})
  public String encoding;

  private Tokenizer toksmith;
  private Encoding jtokkit;
  private List<String> documents;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    toksmith = Tokenizers.load(encoding);
    jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.fromName(encoding).orElseThrow());
    documents = BenchCorpus.documents();
  }

  @Benchmark
  public long toksmith() {
    long tokens = 0;
    for (String d : documents) tokens += toksmith.encodeIds(d).length;
    return tokens;
  }

  @Benchmark
  public long jtokkit() {
    long tokens = 0;
    for (String d : documents) tokens += jtokkit.encodeOrdinary(d).size();
    return tokens;
  }

  @Benchmark
  @Threads(2)
  public long toksmithTwoThreads() {
    return toksmith();
  }

  @Benchmark
  @Threads(2)
  public long jtokkitTwoThreads() {
    return jtokkit();
  }
}
