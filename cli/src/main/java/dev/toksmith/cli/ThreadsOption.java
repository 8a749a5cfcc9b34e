package dev.toksmith.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --threads N} option of the commands that work line by line. */
final class ThreadsOption {
  /** The default is one thread per processor, up to this many: beyond it one thread reading and writing is the limit. */
  static final int MAX_DEFAULT = 8;

  /** The command this option belongs to, whose usage a bad count breaks. */
  private CommandSpec command;

  Integer threads;

  /** Adds this option to {@code command}'s model (see {@link FieldOptions}). */
  void addTo(CommandSpec command) {
    this.command = command;
    command.addOption(FieldOptions.option(this, "threads", "--threads").paramLabel("N")
        .description("Threads working on lines (default: one per processor, at most " + MAX_DEFAULT + "). Output order and content do not depend on it.")
        .build());
  }

  /** The number of threads asked for, or the default. */
  int count() {
    if (threads == null) return defaultCount();
    if (threads < 1) throw new ParameterException(command.commandLine(), "--threads must be at least 1");
    return threads;
  }

  /** The threads used when {@code --threads} is not given. */
  static int defaultCount() {
    return Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT);
  }
}
