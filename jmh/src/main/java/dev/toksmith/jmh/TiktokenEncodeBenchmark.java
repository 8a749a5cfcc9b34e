package dev.toksmith.jmh;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.tiktoken.TiktokenEncodings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The built-in tiktoken encodings: toksmith, jtokkit and Hugging Face's Rust core (through DJL) in the
 * same JVM on the same text, the benchmark corpus ({@link BenchCorpus}) as ordinary text. One
 * operation encodes every document, one call each, or (the {@code WholeText} variants) all documents
 * joined into one string in one call. Divide the corpus bytes by the time per operation for MB/s; the
 * two-thread variants run two such operations at once, each thread on its own copy of the work.
 *
 * <p>Hugging Face gets the tokenizer.json toksmith converts the encoding to ({@code toksmith convert})
 * and is asked for ids only ({@link HuggingFace#ids});
 * setup checks that all three give the same ids on the first documents before anything is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class TiktokenEncodeBenchmark {
  /** Documents whose ids setup compares across the three implementations. */
  private static final int CHECKED_DOCUMENTS = 200;

  @Param({"r50k_base", "cl100k_base", "o200k_base"})
  public String encoding;

  private Tokenizer toksmith;
  private Encoding jtokkit;
  private HuggingFace huggingFace;
  private List<String> documents;
  private String wholeText;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    toksmith = Tokenizers.load(encoding);
    jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.fromName(encoding).orElseThrow());
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    Tokenizers.write(TiktokenEncodings.load(encoding).orElseThrow().stages(), json);
    huggingFace = new HuggingFace(json.toString(StandardCharsets.UTF_8));
    documents = BenchCorpus.documents();
    wholeText = String.join("", documents);
    for (String d : documents.subList(0, Math.min(CHECKED_DOCUMENTS, documents.size()))) {
      int[] ids = toksmith.encodeIds(d);
      if (!Arrays.equals(ids, jtokkit.encodeOrdinary(d).toArray()) || !Arrays.equals(Arrays.stream(ids).asLongStream().toArray(), huggingFace.ids(d))) {
        throw new IllegalStateException(encoding + ": the three implementations disagree on a document starting " + d.substring(0, Math.min(80, d.length())));
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    huggingFace.close();
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
  public long huggingFace() {
    long tokens = 0;
    for (String d : documents) tokens += huggingFace.ids(d).length;
    return tokens;
  }

  @Benchmark
  public int toksmithWholeText() {
    return toksmith.encodeIds(wholeText).length;
  }

  @Benchmark
  public int jtokkitWholeText() {
    return jtokkit.encodeOrdinary(wholeText).size();
  }

  @Benchmark
  public int huggingFaceWholeText() {
    return huggingFace.ids(wholeText).length;
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
