package dev.toksmith.cli;

import dev.toksmith.LanguageModels;
import dev.toksmith.TokenizedModel;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code toksmith lm complete}: the continuation of a prompt that may end mid-token. */
final class LmCompleteCommand implements Callable<Integer> {
  static final String NAME = "complete";

  LmCommand lm;
  CommandLine.Model.CommandSpec spec;

  // Set by the command line (see spec).
  final LmModels models = new LmModels();
  final LmPrompt prompt = new LmPrompt();
  int maxBytes;
  String method;
  boolean sample;
  long seed;

  /** The model of {@code lm complete} run under {@code lm} (see {@link FieldOptions}). */
  static CommandLine.Model.CommandSpec spec(LmCommand lm) {
    LmCompleteCommand command = new LmCompleteCommand();
    command.lm = lm;
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description("Continue a prompt that may end mid-token and write the continuation's bytes to stdout.");
    command.models.addTo(spec);
    spec.addArgGroup(command.prompt.group());
    spec.addOption(FieldOptions.option(command, "maxBytes", "--max-bytes").paramLabel("N").defaultValue("64")
        .description("Stop after about N bytes (a started character is finished; default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "method", "--method").paramLabel("METHOD").defaultValue("byte")
        .description("byte (exact byte-level), healing (token healing) or naive (continue the prompt's tokens); default: ${DEFAULT-VALUE}.")
        .build());
    spec.addOption(FieldOptions.option(command, "sample", "--sample")
        .description("Sample bytes instead of taking the most likely (--method byte only).")
        .build());
    spec.addOption(FieldOptions.option(command, "seed", "--seed").paramLabel("S").defaultValue("0")
        .description("Seed for --sample (default: ${DEFAULT-VALUE}).")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

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
    try (LmModels.Loaded loaded = models.load()) {
      if (m != Method.byte_level && loaded.size() > 1) throw new CommandLine.ParameterException(lm.spec.commandLine(), "only --method byte combines several models");
      byte[] bytes = prompt.bytes();
      TokenizedModel first = loaded.first();
      continuation = switch (m) {
        case byte_level -> LanguageModels.complete(models.byteLevel(loaded), bytes, maxBytes, sample ? new SplittableRandom(seed) : null);
        case healing -> LanguageModels.completeWithTokenHealing(first, bytes, maxBytes);
        case naive -> LanguageModels.completeNaively(first, bytes, maxBytes);
      };
    }
    lm.main.streams.out().write(continuation);
    lm.main.streams.out().println();
    return 0;
  }

  /** How complete continues: byte level, token healing, or the prompt's tokens as they are. */
  enum Method {
    byte_level,
    healing,
    naive;

    static Method parse(String name) {
      return name.equals("byte") ? byte_level : valueOf(name);
    }
  }
}
