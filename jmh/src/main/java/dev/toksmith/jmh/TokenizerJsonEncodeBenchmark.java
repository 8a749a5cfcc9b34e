package dev.toksmith.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Pipeline;
import dev.toksmith.vocab.hf.TokenizerJsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Real tokenizer.json files per thread: toksmith's fast path of the file's family, its general
 * stage-by-stage path, and Hugging Face's Rust core (through DJL, ids only), one call per line of the
 * text, in the same JVM. Divide the text's bytes by the time per operation for MB/s; the two-thread
 * variant runs two operations at once.
 *
 * <p>Files: the byte-level {@code gpt2}, {@code gpt4o}, {@code llama3}, {@code qwen3} and {@code
 * deepseek_v3}, and {@code llama2}, {@code gemma3} and {@code bert} ({@code bert-base-uncased.json}) from the
 * directory the property {@code toksmith.realTokenizers} names (default {@code
 * vocab/target/real-tokenizers}, as the tests find them; {@code
 * vocab/src/test/scripts/fetch-real-tokenizers.sh} fetches them); {@code unigram} is the file {@code
 * jmh/compare-hf.sh} makes ({@code toksmith.unigram}, default {@code jmh/target/compare-hf/unigram.json}), and so
 * is {@code trained32k}, a byte-level BPE from {@code toksmith train} ({@code toksmith.trained32k}).
 * Texts: {@code multilingual.txt} and {@code english.txt} of {@code toksmith.benchTexts} (default
 * {@code jmh/target/bench-multilingual}, made by {@code jmh/multilingual-corpus.py}). Setup checks that
 * the three give the same ids on the first lines before anything is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class TokenizerJsonEncodeBenchmark {
  /** Lines whose ids setup compares across the three. */
  private static final int CHECKED_LINES = 2000;

  @Param({"gpt2", "gpt4o", "llama3", "qwen3", "deepseek_v3", "trained32k", "llama2", "gemma3", "bert", "unigram"})
  public String file;

  @Param({"multilingual", "english"})
  public String text;

  private Tokenizer fast;
  private Tokenizer general;
  private HuggingFace huggingFace;
  private List<String> lines;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path json = switch (file) {
      case "unigram" -> Path.of(System.getProperty("toksmith.unigram", "jmh/target/compare-hf/unigram.json"));
      case "trained32k" -> Path.of(System.getProperty("toksmith.trained32k", "jmh/target/compare-hf/trained-32k.json"));
      case "bert" -> realTokenizer("bert-base-uncased.json");
      default -> realTokenizer(file + ".json");
    };
    // Read as the pipeline it is (no cast from Tokenizer), to reach the general path beside the fast one.
    Pipeline pipeline = TokenizerJsonReader.read(new ObjectMapper().readTree(json.toFile()));
    if (!pipeline.hasFastPath()) throw new IllegalStateException(json + " takes no fast path");
    fast = pipeline;
    general = pipeline.withGeneralPathOnly();
    huggingFace = new HuggingFace(Files.readString(json, StandardCharsets.UTF_8));
    Path texts = Path.of(System.getProperty("toksmith.benchTexts", "jmh/target/bench-multilingual"));
    lines = Files.readAllLines(texts.resolve(text + ".txt"), StandardCharsets.UTF_8);
    long bytes = lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    System.err.printf("%s on %s: %d lines, %d bytes%n", json, text, lines.size(), bytes);
    for (String line : lines.subList(0, Math.min(CHECKED_LINES, lines.size()))) {
      int[] ids = fast.encodeIds(line);
      if (!Arrays.equals(ids, general.encodeIds(line)) || !Arrays.equals(Arrays.stream(ids).asLongStream().toArray(), huggingFace.ids(line))) {
        throw new IllegalStateException(file + ": toksmith's two paths and Hugging Face disagree on " + line.substring(0, Math.min(80, line.length())));
      }
    }
  }

  private static Path realTokenizer(String name) {
    return Path.of(System.getProperty("toksmith.realTokenizers", "vocab/target/real-tokenizers")).resolve("files").resolve(name);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    huggingFace.close();
  }

  @Benchmark
  public long toksmith() {
    long tokens = 0;
    for (String line : lines) tokens += fast.encodeIds(line).length;
    return tokens;
  }

  @Benchmark
  @Threads(2)
  public long toksmithTwoThreads() {
    return toksmith();
  }

  @Benchmark
  public long toksmithGeneralPath() {
    long tokens = 0;
    for (String line : lines) tokens += general.encodeIds(line).length;
    return tokens;
  }

  @Benchmark
  public long huggingFace() {
    long tokens = 0;
    for (String line : lines) tokens += huggingFace.ids(line).length;
    return tokens;
  }
}
