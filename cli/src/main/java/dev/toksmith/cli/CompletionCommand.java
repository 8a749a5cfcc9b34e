package dev.toksmith.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a script that completes toksmith's commands and options in bash or zsh.",
      "bash: add 'source <(toksmith completion bash)' to ~/.bashrc, or save the script as "
          + "~/.local/share/bash-completion/completions/toksmith. zsh: add 'source <(toksmith completion zsh)' to ~/.zshrc. "
          + "The script is picocli's, which runs in both shells (in zsh through bashcompinit)."
    })
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  @ParentCommand Main main;

  @Parameters(paramLabel = "bash|zsh", description = "The shell to complete in.")
  Shell shell;

  @Override
  public Integer call() throws Exception {
    // Every command, whichever this run was started for.
    main.streams.out().print(AutoComplete.bash("toksmith", Main.commandLine(new Main(main.streams))));
    return 0;
  }
}
