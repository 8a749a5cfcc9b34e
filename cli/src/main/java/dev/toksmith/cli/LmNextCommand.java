package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.api.ByteState;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code toksmith lm next}: the exact distribution of the byte after a prompt. */
final class LmNextCommand implements Callable<Integer> {
  static final String NAME = "next";

  LmCommand lm;

  // Set by the command line (see spec).
  final LmModels models = new LmModels();
  final LmPrompt prompt = new LmPrompt();
  Integer top;
  LmCommand.Format format;

  /** The model of {@code lm next} run under {@code lm} (see {@link FieldOptions}). */
  static CommandLine.Model.CommandSpec spec(LmCommand lm) {
    LmNextCommand command = new LmNextCommand();
    command.lm = lm;
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(command).name(NAME);
    spec.usageMessage().description("The exact distribution of the byte after a prompt (end-of-text included).");
    command.models.addTo(spec);
    spec.addArgGroup(command.prompt.group());
    spec.addOption(FieldOptions.option(command, "top", "--top").paramLabel("K")
        .description("Only the K most likely outcomes (default: every outcome with p > 0).")
        .build());
    spec.addOption(FieldOptions.option(command, "format", "--format").paramLabel("text|json").defaultValue("text")
        .description("text (byte, shown, p per line) or json (default: ${DEFAULT-VALUE}).")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    if (top != null && top < 1) throw new CommandLine.ParameterException(lm.spec.commandLine(), "--top must be at least 1");
    double[] p;
    try (LmModels.Loaded loaded = models.load()) {
      p = models.start(loaded, prompt.bytes()).nextByteLogProbs();
    }
    List<Integer> outcomes = new ArrayList<>();
    for (int b = 0; b <= ByteState.END; b++) if (p[b] > Double.NEGATIVE_INFINITY) outcomes.add(b);
    outcomes.sort(Comparator.comparingDouble((Integer b) -> -p[b]).thenComparingInt(b -> b));
    if (top != null && outcomes.size() > top) outcomes = outcomes.subList(0, top);
    Output out = lm.main.streams.out();
    if (format == LmCommand.Format.json) {
      try (JsonGenerator g = LmCommand.JSON.createGenerator((OutputStream) out)) {
        g.writeStartObject();
        g.writeArrayFieldStart("distribution");
        for (int b : outcomes) {
          g.writeStartObject();
          if (b == ByteState.END) {
            g.writeStringField("byte", "eos");
          } else {
            g.writeNumberField("byte", b);
            g.writeStringField("text", TokenDisplay.ofByte(b));
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
        out.printf(Locale.ROOT, "%s\t%s\t%.6g%n", b == ByteState.END ? "eos" : Integer.toString(b), b == ByteState.END ? "" : TokenDisplay.ofByte(b), Math.exp(p[b]));
      }
    }
    return 0;
  }
}
