package dev.toksmith.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.AutoComplete;

/** {@code toksmith completion}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class CompletionCommand implements Callable<Integer> {
  static final String NAME = "completion";

  enum Shell {
    bash,
    zsh
  }

  Main main;

  // Set by the command line (see spec).
  Shell shell;

  /** The model of {@code completion} run under {@code main}: its help and parameter. */
  static CommandSpec spec(Main main) {
    CompletionCommand command = new CompletionCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    spec.usageMessage().description(
        "Print a script that completes toksmith's commands and options in bash or zsh.",
        "bash: add 'source <(toksmith completion bash)' to ~/.bashrc, or save the script as "
            + "~/.local/share/bash-completion/completions/toksmith. zsh: add 'source <(toksmith completion zsh)' to ~/.zshrc. "
            + "The script is picocli's, which runs in both shells (in zsh through bashcompinit).");
    spec.addPositional(FieldOptions.parameters(command, "shell").required(true).paramLabel("bash|zsh")
        .description("The shell to complete in.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    // Every command, whichever this run was started for.
    main.streams.out().print(AutoComplete.bash("toksmith", Main.commandLine(new Main(main.streams))));
    return 0;
  }
}
