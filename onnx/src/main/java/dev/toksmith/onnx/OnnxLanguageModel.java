package dev.toksmith.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.TokenLanguageModel;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A neural causal language model exported to ONNX, run on the CPU by ONNX Runtime, as a {@link
 * TokenLanguageModel} over its tokenizer's ids. It reads a directory as Hugging Face Optimum's
 * {@code optimum-cli export onnx} writes one: {@code model.onnx} (float32, with or without a
 * key/value cache), {@code tokenizer.json} and {@code config.json} beside it.
 *
 * <p>Every context is read after the model's start token ({@code bos_token_id} in config.json, or
 * its end-of-text id where it has none, as GPT-2 is read), so the empty context is the start of a
 * text. Where config.json lists several end-of-text ids, their probabilities add up under the first,
 * which is {@link #endOfTextId()}, and the others get none. The model's raw distribution gives mass
 * to id sequences its tokenizer never produces; wrap it in toksmith's canonical
 * model (the README's byte-level probabilities) for exact byte-level probabilities.
 *
 * <p>{@link #nextLogProbs(int[])} runs the whole context through the model each time; a {@link
 * #newSession() session} keeps the key/value cache in a tree of the contexts it has read, so a
 * context that extends one read before costs one incremental forward pass per new token. Nothing
 * is downloaded: ONNX Runtime's native library comes from its jar. Thread-safe; {@link #close()}
 * frees the native session.
 */
public final class OnnxLanguageModel implements TokenLanguageModel, AutoCloseable {
  /** The model file in an export directory. */
  public static final String MODEL_FILE = "model.onnx";

  /**
   * How the model runs.
   *
   * @param threads ONNX Runtime's threads within one forward pass; 0 for its default (one per
   *     physical core)
   * @param cacheBytes the most bytes of keys and values one session keeps
   */
  public record Settings(int threads, long cacheBytes) {
    public Settings {
      if (threads < 0) throw new IllegalArgumentException("threads must not be negative: " + threads);
      if (cacheBytes < 0) throw new IllegalArgumentException("cacheBytes must not be negative: " + cacheBytes);
    }

    /** ONNX Runtime's default threads; a cache budget of 512 MB or a quarter of the heap, the smaller. */
    public static Settings defaults() {
      return new Settings(0, Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4));
    }
  }

  /** What the forward passes cost so far, over all sessions: passes, tokens run through the model, and their wall time. */
  public record Stats(long forwardPasses, long tokens, long nanos) {}

  private final String name;
  private final OrtSession ort;
  private final Signature signature;
  private final Tokenizer tokenizer;
  private final ModelConfig config;
  private final int vocabSize;
  private final long cacheBytes;
  private final AtomicLong passes = new AtomicLong();
  private final AtomicLong tokens = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  private OnnxLanguageModel(String name, OrtSession ort, Signature signature, Tokenizer tokenizer, ModelConfig config, int vocabSize, long cacheBytes) {
    this.name = name;
    this.ort = ort;
    this.signature = signature;
    this.tokenizer = tokenizer;
    this.config = config;
    this.vocabSize = vocabSize;
    this.cacheBytes = cacheBytes;
  }

  /** Whether {@code path} is an export directory (one holding {@value #MODEL_FILE}) or a {@code .onnx} file. */
  public static boolean isExport(Path path) {
    return Files.isRegularFile(path.resolve(MODEL_FILE)) || (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".onnx"));
  }

  /** {@link #load(Path, Settings)} with {@link Settings#defaults()}. */
  public static OnnxLanguageModel load(Path path) throws IOException {
    return load(path, Settings.defaults());
  }

  /**
   * Loads an export: a directory holding {@value #MODEL_FILE}, or a {@code .onnx} file, with {@code
   * tokenizer.json} and {@code config.json} in the same directory.
   *
   * @throws NoSuchFileException if a file is missing
   * @throws TokenizerFormatException if a file is not what Optimum writes for a causal LM; the
   *     message names the file and what is wrong
   */
  public static OnnxLanguageModel load(Path path, Settings settings) throws IOException {
    Path modelFile = Files.isDirectory(path) ? path.resolve(MODEL_FILE) : path;
    if (!Files.isRegularFile(modelFile)) throw new NoSuchFileException(modelFile.toString());
    Path directory = modelFile.toAbsolutePath().getParent();
    Tokenizer tokenizer = Tokenizers.load(directory);
    Path configFile = directory.resolve(ModelConfig.FILE_NAME);
    if (!Files.isRegularFile(configFile)) throw new NoSuchFileException(configFile + " (Optimum writes it beside " + modelFile.getFileName() + ")");
    ModelConfig config = ModelConfig.read(configFile);
    String name = modelFile.toString();
    OrtSession ort;
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "toksmith");
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setInterOpNumThreads(1);
        if (settings.threads() > 0) options.setIntraOpNumThreads(settings.threads());
        // Every call has other shapes: a plan of one call's allocations does not serve the next.
        options.setMemoryPatternOptimization(false);
        // Between passes toksmith works on its own (masks, covers): threads spinning for the next pass would take its cores.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        ort = env.createSession(name, options);
      }
    } catch (OrtException e) {
      throw new TokenizerFormatException(name + ": ONNX Runtime cannot load it (" + oneLine(e) + ")", e);
    }
    try {
      Signature signature = Signature.of(ort, name);
      OnnxLanguageModel model = new OnnxLanguageModel(name, ort, signature, tokenizer, config, signature.vocabSize, settings.cacheBytes());
      model.checkIds(directory);
      return model;
    } catch (IOException | RuntimeException e) {
      closeQuietly(ort);
      throw e;
    } catch (OrtException e) {
      closeQuietly(ort);
      throw new TokenizerFormatException(name + ": ONNX Runtime cannot run it (" + oneLine(e) + ")", e);
    }
  }

  private void checkIds(Path directory) throws TokenizerFormatException {
    if (tokenizer.idBound() > vocabSize) {
      throw new TokenizerFormatException(directory + ": the tokenizer has " + tokenizer.idBound() + " ids but " + MODEL_FILE + " scores " + vocabSize);
    }
    for (int id : config.eosIds()) {
      if (id >= vocabSize) throw new TokenizerFormatException(directory.resolve(ModelConfig.FILE_NAME) + ": eos_token_id " + id + " is not below the model's " + vocabSize + " ids");
    }
    if (config.bosId() >= vocabSize) throw new TokenizerFormatException(directory.resolve(ModelConfig.FILE_NAME) + ": bos_token_id " + config.bosId() + " is not below the model's " + vocabSize + " ids");
  }

  /** The tokenizer in the export directory. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int endOfTextId() {
    return config.eosIds()[0];
  }

  /** The id read before every context. */
  public int startId() {
    return config.bosId();
  }

  /** The longest context the model takes, start token included; 0 when config.json does not say. */
  public int maxPositions() {
    return config.maxPositions();
  }

  /** Whether the export has a key/value cache (sessions then step one token at a time). */
  public boolean hasCache() {
    return signature.hasPast();
  }

  /** The forward passes so far. */
  public Stats stats() {
    return new Stats(passes.get(), tokens.get(), nanos.get());
  }

  /** The whole context through the model: no work is kept from other calls. */
  @Override
  public double[] nextLogProbs(int[] context) {
    return new KvCacheSession(this, 0).nextLogProbs(context);
  }

  @Override
  public TokenLanguageModel newSession() {
    return new KvCacheSession(this, cacheBytes);
  }

  @Override
  public void close() {
    closeQuietly(ort);
  }

  @Override
  public String toString() {
    return name;
  }

  String name() {
    return name;
  }

  OrtSession ort() {
    return ort;
  }

  Signature signature() {
    return signature;
  }

  void count(int steps, long elapsed) {
    passes.incrementAndGet();
    tokens.addAndGet(steps);
    nanos.addAndGet(elapsed);
  }

  /** The model's input for {@code context}: the start token, then the context, checked. */
  int[] input(int[] context) {
    int max = config.maxPositions();
    if (max > 0 && context.length + 1 > max) {
      throw new IllegalArgumentException("a context of " + context.length + " tokens does not fit the model's " + max + " positions (start token included)");
    }
    int[] input = new int[context.length + 1];
    input[0] = config.bosId();
    for (int i = 0; i < context.length; i++) {
      if (context[i] < 0 || context[i] >= vocabSize) throw new IllegalArgumentException("id " + context[i] + " is not below the model's " + vocabSize + " ids");
      input[i + 1] = context[i];
    }
    return input;
  }

  /** Natural-log softmax of logits row {@code row}, with the end-of-text ids merged into the first. */
  double[] logProbs(FloatBuffer logits, int row) {
    int base = row * vocabSize;
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocabSize; v++) max = Math.max(max, logits.get(base + v));
    double sum = 0;
    for (int v = 0; v < vocabSize; v++) sum += Math.exp(logits.get(base + v) - max);
    double total = max + Math.log(sum);
    double[] out = new double[vocabSize];
    for (int v = 0; v < vocabSize; v++) out[v] = logits.get(base + v) - total;
    int[] eos = config.eosIds();
    if (eos.length > 1) {
      double merged = 0;
      for (int id : eos) merged += Math.exp(out[id]);
      for (int id : eos) out[id] = Double.NEGATIVE_INFINITY;
      out[eos[0]] = Math.log(merged);
    }
    return out;
  }

  private static String oneLine(OrtException e) {
    return String.valueOf(e.getMessage()).replace('\n', ' ').strip();
  }

  private static void closeQuietly(OrtSession ort) {
    try {
      ort.close();
    } catch (OrtException e) {
      // Nothing a caller could do: the native session is gone or going.
    }
  }
}
