package dev.toksmith.cli;

import dev.toksmith.LanguageModels;
import dev.toksmith.TokenizedModel;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code toksmith lm complete}: the continuation of a prompt that may end mid-token. */
@Command(name = "complete", mixinStandardHelpOptions = true, description = "Continue a prompt that may end mid-token and write the continuation's bytes to stdout.")
final class LmCompleteCommand implements Callable<Integer> {
  @ParentCommand LmCommand lm;

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin LmModels models;

  @ArgGroup(multiplicity = "1") LmPrompt prompt;

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
