package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.api.ByteState;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code toksmith lm next}: the exact distribution of the byte after a prompt. */
@Command(name = "next", mixinStandardHelpOptions = true, description = "The exact distribution of the byte after a prompt (end-of-text included).")
final class LmNextCommand implements Callable<Integer> {
  @ParentCommand LmCommand lm;

  @Mixin LmModels models;

  @ArgGroup(multiplicity = "1") LmPrompt prompt;

  @Option(names = "--top", paramLabel = "K", description = "Only the K most likely outcomes (default: every outcome with p > 0).")
  Integer top;

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "text (byte, shown, p per line) or json (default: ${DEFAULT-VALUE}).")
  LmCommand.Format format;

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
