package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.LanguageModels;
import dev.toksmith.onnx.OnnxLanguageModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code toksmith lm score}: bits per byte of text, at byte or token level. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Bits per byte of text (each line one text, end-of-text included), byte level or token level.")
final class LmScoreCommand implements Callable<Integer> {
  @ParentCommand LmCommand lm;

  @Mixin LmModels models;

  @Option(names = "--level", paramLabel = "bytes|tokens", defaultValue = "bytes", description = "bytes (through covers) or tokens (the model's own ids); default: ${DEFAULT-VALUE}.")
  Level level;

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  LmCommand.Format format;

  @Option(names = "--stats", description = "Print to stderr how much of the time ONNX models' forward passes took.")
  boolean stats;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Text files, directories, archives, or - for stdin.")
  List<String> inputs;

  @Override
  public Integer call() throws Exception {
    double[] bits = new double[1];
    long[] counts = new long[3];
    int modelCount;
    try (LmModels.Loaded loaded = models.load()) {
      modelCount = loaded.size();
      if (level == Level.tokens && modelCount > 1) throw new CommandLine.ParameterException(lm.spec.commandLine(), "--level tokens scores one model; ensembles are byte level");
      long start = System.nanoTime();
      lm.readTexts(inputs, "scoring", (line, bytes) -> {
        if (level == Level.tokens) {
          int[] ids = loaded.first().encodePlain(bytes); // plain text, as the byte level reads it
          bits[0] += LanguageModels.tokenLevelBits(loaded.first().model(), ids);
          counts[2] += ids.length;
        } else {
          bits[0] += LanguageModels.bits(models.byteLevel(loaded), bytes);
        }
        counts[0] += bytes.length;
        counts[1]++;
      });
      if (stats) printStats(loaded, System.nanoTime() - start);
    }
    if (counts[0] == 0) throw new IOException("no text to score in " + String.join(" ", inputs));
    Output out = lm.main.streams.out();
    double perByte = bits[0] / counts[0];
    if (format == LmCommand.Format.json) {
      try (JsonGenerator g = LmCommand.JSON.createGenerator((OutputStream) out)) {
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

  private void printStats(LmModels.Loaded loaded, long elapsed) throws IOException {
    Output err = lm.main.streams.err();
    if (loaded.onnx().isEmpty()) err.println("no ONNX model: nothing to time");
    for (OnnxLanguageModel network : loaded.onnx()) {
      OnnxLanguageModel.Stats s = network.stats();
      err.printf(Locale.ROOT, "%s: %d forward passes of %d tokens took %.3f s of the %.3f s scoring (%.1f%%; %.1f%% elsewhere)%n",
          network, s.forwardPasses(), s.tokens(), s.nanos() / 1e9, elapsed / 1e9, 100.0 * s.nanos() / elapsed, 100.0 - 100.0 * s.nanos() / elapsed);
    }
  }

  /** What score counts bits of. */
  enum Level {
    bytes,
    tokens
  }
}
