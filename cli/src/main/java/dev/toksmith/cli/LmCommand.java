package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.Corpus;
import dev.toksmith.api.TokenLanguageModel;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteEnsemble;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.api.ByteState;
import dev.toksmith.core.lm.CanonicalModel;
import dev.toksmith.core.lm.Completion;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.Scoring;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.onnx.OnnxLanguageModel;
import dev.toksmith.vocab.io.JsonText;
import dev.toksmith.LanguageModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code toksmith lm}: token n-gram models and the exact byte-level probabilities they imply. */
@Command(
    name = "lm",
    mixinStandardHelpOptions = true,
    description = {
      "Train token n-gram language models, and read them and neural LMs byte by byte.",
      "The exact distribution of the next byte, completion of prompts that end mid-token, bits per byte, and byte-level "
          + "ensembles of models with different tokenizers; for n-gram models from lm train and neural LMs exported to ONNX."
    },
    subcommands = {LmCommand.Train.class, LmCommand.Next.class, LmCommand.Complete.class, LmCommand.Score.class})
final class LmCommand implements Runnable {
  private static final JsonFactory JSON = JsonText.factory();

  @ParentCommand Main main;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train, next, complete or score");
  }

  /** A prompt as text or as the raw bytes of a file, which may end inside a character. */
  static final class Prompt {
    @Option(names = "--prompt", paramLabel = "TEXT", required = true, description = "The prompt text.")
    String text;

    @Option(names = "--prompt-file", paramLabel = "FILE", required = true, description = "Read the prompt's exact bytes from FILE (it may end inside a character).")
    Path file;

    byte[] bytes() throws IOException {
      return file != null ? Files.readAllBytes(file) : text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A model next, complete and score read: its token model, tokenizer and the tokenizer's byte view. */
  record Model(TokenLanguageModel model, Tokenizer tokenizer, TokenBytes tokens) {}

  /** The models of one command; closing frees ONNX Runtime's native sessions. */
  record Loaded(List<Model> models, List<OnnxLanguageModel> onnx) implements AutoCloseable {
    Model first() {
      return models.get(0);
    }

    int size() {
      return models.size();
    }

    @Override
    public void close() {
      onnx.forEach(OnnxLanguageModel::close);
    }
  }

  /** {@code -m LM[,LM2...]} and {@code --ensemble}: the models next, complete and score read, and how several combine. */
  static final class Models {
    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Option(
        names = {"-m", "--model"},
        paramLabel = "LM",
        required = true,
        split = ",",
        description = "A model file from lm train, or a neural LM as optimum-cli export onnx writes it: the directory with model.onnx, "
            + "tokenizer.json and config.json. Several (-m a.lm -m b.lm, or -m a.lm,b.lm) make a byte-level ensemble.")
    List<String> files;

    @Option(names = "--ensemble", paramLabel = "mixture|product", defaultValue = "mixture", description = "How several models combine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Ensemble ensemble;

    @Option(
        names = "--allow-invalid",
        description = "Read ONNX models as they are, without restricting them to canonical token sequences (byte-level probabilities are then approximate).")
    boolean allowInvalid;

    @Option(names = "--onnx-threads", paramLabel = "N", description = "ONNX Runtime's threads per forward pass (default: one per core).")
    Integer onnxThreads;

    Loaded load() throws IOException {
      if (onnxThreads != null && onnxThreads < 1) throw new CommandLine.ParameterException(command.commandLine(), "--onnx-threads must be at least 1");
      // Options that would change nothing are refused rather than ignored.
      boolean anyOnnx = files.stream().anyMatch(file -> OnnxLanguageModel.isExport(Path.of(file)));
      if (!anyOnnx && allowInvalid) {
        throw new CommandLine.ParameterException(command.commandLine(), "--allow-invalid applies to ONNX models; an n-gram model is made so by lm train --allow-invalid");
      }
      if (!anyOnnx && onnxThreads != null) throw new CommandLine.ParameterException(command.commandLine(), "--onnx-threads applies to ONNX models, and none is given");
      if (files.size() == 1 && command.commandLine().getParseResult().hasMatchedOption("--ensemble")) {
        throw new CommandLine.ParameterException(command.commandLine(), "--ensemble combines several models, and one is given");
      }
      OnnxLanguageModel.Settings defaults = OnnxLanguageModel.Settings.defaults();
      OnnxLanguageModel.Settings settings = new OnnxLanguageModel.Settings(onnxThreads == null ? 0 : onnxThreads, defaults.cacheBytes());
      List<Model> models = new ArrayList<>();
      List<OnnxLanguageModel> onnx = new ArrayList<>();
      try {
        for (String file : files) {
          Path path = Path.of(file);
          if (OnnxLanguageModel.isExport(path)) {
            OnnxLanguageModel network = OnnxLanguageModel.load(path, settings);
            onnx.add(network);
            TokenBytes tokens = TokenBytes.of(network.tokenizer());
            models.add(new Model(allowInvalid ? network : new CanonicalModel(network, tokens), network.tokenizer(), tokens));
          } else if (Files.isDirectory(path)) {
            throw new NoSuchFileException(path.resolve(OnnxLanguageModel.MODEL_FILE).toString());
          } else {
            LanguageModelFile.Loaded ngram = LanguageModelFile.load(path);
            models.add(new Model(ngram.model(), ngram.tokenizer(), ngram.tokens()));
          }
        }
      } catch (IOException | RuntimeException e) {
        onnx.forEach(OnnxLanguageModel::close);
        throw e;
      }
      return new Loaded(models, onnx);
    }

    /** The byte-level reader of {@code loaded} (their ensemble when several) after {@code prompt}. */
    ByteState start(Loaded loaded, byte[] prompt) {
      List<ByteLevelModel> byteModels = new ArrayList<>();
      for (Model m : loaded.models()) byteModels.add(new ByteLevelModel(m.model(), m.tokens()));
      if (byteModels.size() == 1) return byteModels.get(0).start(prompt);
      return new ByteEnsemble(byteModels, ensemble.kind()).start(prompt);
    }
  }

  /** A byte as text for people: printable ASCII as itself, anything else as {@code \xNN}. */
  static String visible(int b) {
    return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format(Locale.ROOT, "\\x%02x", b);
  }

  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a token n-gram model (interpolated Kneser-Ney) on text; each line is one text.")
  static final class Train implements Callable<Integer> {
    @ParentCommand LmCommand lm;

    @Mixin TokenizerOption tokenizer;

    @Option(names = "--order", paramLabel = "N", defaultValue = "3", description = "n of the n-grams (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--allow-invalid", description = "Keep mass on non-canonical continuations (shows what breaks the exact byte-level method).")
    boolean allowInvalid;

    @Option(names = {"-o", "--output"}, paramLabel = "LM", required = true, description = "The model file to write, or - for standard output.")
    Path output;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Text files, directories, .gz/.zip/.tar archives, or - for stdin.")
    List<String> inputs;

    @Override
    public Integer call() throws Exception {
      if (order < 1 || order > 8) throw new CommandLine.ParameterException(lm.spec.commandLine(), "--order must be between 1 and 8, not " + order);
      OutputFile.check(output);
      Tokenizer tok = tokenizer.load();
      // Texts are plain text: a special token's literal text is its characters (the byte view's encoding).
      TokenBytes view = allowInvalid ? null : TokenBytes.of(tok);
      List<int[]> texts = new ArrayList<>();
      Progress progress = new Progress(lm.main.streams.err(), lm.main.streams.stderrIsTerminal());
      Corpus.of(inputs).withStdin(lm.main.streams.in()).read(document -> {
        String line = document.endsWith("\n") ? document.substring(0, document.length() - 1) : document;
        if (line.isEmpty()) return;
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        texts.add(view != null ? view.encode(bytes, 0, bytes.length) : tok.encodeIds(line));
      }, (done, total) -> progress.update("reading", done, total));
      progress.finish();
      KneserNeyModel model = KneserNeyModel.train(texts, order, tok.idBound(), view);
      OutputFile.write(lm.main, output, out -> LanguageModelFile.write(model, tok, tokenizer.spec, out));
      long grams = model.levels().get(order - 1).stream().mapToLong(c -> c.words().length).sum();
      lm.main.streams.err().printf(Locale.ROOT, "trained order-%d model on %d texts: %d distinct %d-grams, written to %s%n", order, texts.size(), grams, order, OutputFile.name(output));
      return 0;
    }
  }

  /** How several models combine. */
  enum Ensemble {
    mixture,
    product;

    ByteEnsemble.Kind kind() {
      return this == mixture ? ByteEnsemble.Kind.MIXTURE : ByteEnsemble.Kind.PRODUCT;
    }
  }

  enum Format {
    text,
    json
  }

  @Command(name = "next", mixinStandardHelpOptions = true, description = "The exact distribution of the byte after a prompt (end-of-text included).")
  static final class Next implements Callable<Integer> {
    @ParentCommand LmCommand lm;

    @Mixin Models models;

    @ArgGroup(multiplicity = "1") Prompt prompt;

    @Option(names = "--top", paramLabel = "K", description = "Only the K most likely outcomes (default: every outcome with p > 0).")
    Integer top;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (byte, shown, p per line) or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
      if (top != null && top < 1) throw new CommandLine.ParameterException(lm.spec.commandLine(), "--top must be at least 1");
      double[] p;
      try (Loaded loaded = models.load()) {
        p = models.start(loaded, prompt.bytes()).nextByteLogProbs();
      }
      List<Integer> outcomes = new ArrayList<>();
      for (int b = 0; b <= ByteLevelModel.END; b++) if (p[b] > Double.NEGATIVE_INFINITY) outcomes.add(b);
      outcomes.sort(Comparator.comparingDouble((Integer b) -> -p[b]).thenComparingInt(b -> b));
      if (top != null && outcomes.size() > top) outcomes = outcomes.subList(0, top);
      Output out = lm.main.streams.out();
      if (format == Format.json) {
        try (JsonGenerator g = JSON.createGenerator((OutputStream) out)) {
          g.writeStartObject();
          g.writeArrayFieldStart("distribution");
          for (int b : outcomes) {
            g.writeStartObject();
            if (b == ByteLevelModel.END) {
              g.writeStringField("byte", "eos");
            } else {
              g.writeNumberField("byte", b);
              g.writeStringField("text", visible(b));
            }
            g.writeNumberField("p", Math.exp(p[b]));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        out.println();
      } else {
        for (int b : outcomes) {
          out.printf(Locale.ROOT, "%s\t%s\t%.6g%n", b == ByteLevelModel.END ? "eos" : Integer.toString(b), b == ByteLevelModel.END ? "" : visible(b), Math.exp(p[b]));
        }
      }
      return 0;
    }
  }

  enum Method {
    byte_level,
    healing,
    naive;

    static Method parse(String name) {
      return name.equals("byte") ? byte_level : valueOf(name);
    }
  }

  @Command(name = "complete", mixinStandardHelpOptions = true, description = "Continue a prompt that may end mid-token and write the continuation's bytes to stdout.")
  static final class Complete implements Callable<Integer> {
    @ParentCommand LmCommand lm;

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin Models models;

    @ArgGroup(multiplicity = "1") Prompt prompt;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "64", description = "Stop after about N bytes (a started character is finished; default: ${DEFAULT-VALUE}).")
    int maxBytes;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "byte", description = "byte (exact byte-level), healing (token healing) or naive (continue the prompt's tokens); default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--sample", description = "Sample bytes instead of taking the most likely (--method byte only).")
    boolean sample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed for --sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      Method m;
      try {
        m = Method.parse(method);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(lm.spec.commandLine(), "--method must be byte, healing or naive, not " + method);
      }
      if (maxBytes < 0) throw new CommandLine.ParameterException(lm.spec.commandLine(), "--max-bytes must not be negative");
      if (sample && m != Method.byte_level) throw new CommandLine.ParameterException(spec.commandLine(), "--sample applies to --method byte; " + method + " takes the most likely tokens");
      if (!sample && spec.commandLine().getParseResult().hasMatchedOption("--seed")) throw new CommandLine.ParameterException(spec.commandLine(), "--seed needs --sample");
      byte[] continuation;
      try (Loaded loaded = models.load()) {
        if (m != Method.byte_level && loaded.size() > 1) throw new CommandLine.ParameterException(lm.spec.commandLine(), "only --method byte combines several models");
        byte[] bytes = prompt.bytes();
        Model first = loaded.first();
        continuation = switch (m) {
          case byte_level -> Completion.byteLevel(models.start(loaded, bytes), bytes, maxBytes, sample ? new SplittableRandom(seed) : null);
          case healing -> Completion.tokenHealing(first.model(), first.tokens(), bytes, maxBytes);
          case naive -> Completion.naive(first.model(), first.tokens(), bytes, maxBytes);
        };
      }
      lm.main.streams.out().write(continuation);
      lm.main.streams.out().println();
      return 0;
    }
  }

  enum Level {
    bytes,
    tokens
  }

  @Command(name = "score", mixinStandardHelpOptions = true, description = "Bits per byte of text (each line one text, end-of-text included), byte level or token level.")
  static final class Score implements Callable<Integer> {
    @ParentCommand LmCommand lm;

    @Mixin Models models;

    @Option(names = "--level", paramLabel = "bytes|tokens", defaultValue = "bytes", description = "bytes (through covers) or tokens (the model's own ids); default: ${DEFAULT-VALUE}.")
    Level level;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--stats", description = "Print to stderr how much of the time ONNX models' forward passes took.")
    boolean stats;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Text files, directories, archives, or - for stdin.")
    List<String> inputs;

    @Override
    public Integer call() throws Exception {
      double[] bits = new double[1];
      long[] counts = new long[3];
      int modelCount;
      try (Loaded loaded = models.load()) {
        modelCount = loaded.size();
        if (level == Level.tokens && modelCount > 1) throw new CommandLine.ParameterException(lm.spec.commandLine(), "--level tokens scores one model; ensembles are byte level");
        long start = System.nanoTime();
        Progress progress = new Progress(lm.main.streams.err(), lm.main.streams.stderrIsTerminal());
        Corpus.of(inputs).withStdin(lm.main.streams.in()).read(document -> {
          String line = document.endsWith("\n") ? document.substring(0, document.length() - 1) : document;
          if (line.isEmpty()) return;
          byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
          if (level == Level.tokens) {
            int[] ids = loaded.first().tokens().encode(bytes, 0, bytes.length); // plain text, as the byte level reads it
            bits[0] += Scoring.tokenLevelBits(loaded.first().model(), ids);
            counts[2] += ids.length;
          } else {
            bits[0] += Scoring.byteLevelBits(models.start(loaded, new byte[0]), bytes);
          }
          counts[0] += bytes.length;
          counts[1]++;
        }, (done, total) -> progress.update("scoring", done, total));
        progress.finish();
        if (stats) printStats(loaded, System.nanoTime() - start);
      }
      if (counts[0] == 0) throw new IOException("no text to score in " + String.join(" ", inputs));
      Output out = lm.main.streams.out();
      double perByte = bits[0] / counts[0];
      if (format == Format.json) {
        try (JsonGenerator g = JSON.createGenerator((OutputStream) out)) {
          g.writeStartObject();
          g.writeNumberField("bits_per_byte", perByte);
          g.writeNumberField("bits", bits[0]);
          g.writeNumberField("bytes", counts[0]);
          g.writeNumberField("texts", counts[1]);
          if (level == Level.tokens) g.writeNumberField("tokens", counts[2]);
          g.writeStringField("level", level.name());
          g.writeNumberField("models", modelCount);
          g.writeEndObject();
        }
        out.println();
      } else {
        out.printf(Locale.ROOT, "%.6f bits per byte (%.1f bits, %d bytes, %d texts, %s level)%n", perByte, bits[0], counts[0], counts[1], level);
      }
      return 0;
    }

    private void printStats(Loaded loaded, long elapsed) throws IOException {
      Output err = lm.main.streams.err();
      if (loaded.onnx().isEmpty()) err.println("no ONNX model: nothing to time");
      for (OnnxLanguageModel network : loaded.onnx()) {
        OnnxLanguageModel.Stats s = network.stats();
        err.printf(Locale.ROOT, "%s: %d forward passes of %d tokens took %.3f s of the %.3f s scoring (%.1f%%; %.1f%% elsewhere)%n",
            network, s.forwardPasses(), s.tokens(), s.nanos() / 1e9, elapsed / 1e9, 100.0 * s.nanos() / elapsed, 100.0 - 100.0 * s.nanos() / elapsed);
      }
    }
  }
}
