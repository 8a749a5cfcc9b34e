package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.LanguageModels;
import dev.toksmith.onnx.OnnxLanguageModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code toksmith lm score}: bits per byte of text, at byte or token level. */
final class LmScoreCommand implements Callable<Integer> {
  static final String NAME = "score";

  LmCommand lm;

  // Set by the command line (see spec).
  final LmModels models = new LmModels();
  Level level;
  LmCommand.Format format;
  boolean stats;
  List<String> inputs;

  /** The model of {@code lm score} run under {@code lm} (see {@link FieldOptions}). */
  static CommandLine.Model.CommandSpec spec(LmCommand lm) {
    LmScoreCommand command = new LmScoreCommand();
    command.lm = lm;
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(command).name(NAME);
    spec.usageMessage().description("Bits per byte of text (each line one text, end-of-text included), byte level or token level.");
    command.models.addTo(spec);
    spec.addOption(FieldOptions.option(command, "level", "--level").paramLabel("bytes|tokens").defaultValue("bytes")
        .description("bytes (through covers) or tokens (the model's own ids); default: ${DEFAULT-VALUE}.")
        .build());
    spec.addOption(FieldOptions.option(command, "format", "--format").paramLabel("text|json").defaultValue("text")
        .description("text or json (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "stats", "--stats")
        .description("Print to stderr how much of the time ONNX models' forward passes took.")
        .build());
    spec.addPositional(FieldOptions.parameters(command, "inputs").required(true).paramLabel("INPUT").arity("1..*")
        .description("Text files, directories, archives, or - for stdin.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

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
