package dev.shopset.shopctl;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shopctl completion bash|zsh}: the shell completion script (picocli's AutoComplete). */
@Command(
    name = "completion",
    description = {
      "Prints the completion script of a shell: `source <(shopctl completion bash)` (zsh: the same"
          + " with zsh; it loads bashcompinit)."
    })
final class CompletionCommand implements Callable<Integer> {

  /** The shells. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(index = "0", paramLabel = "bash|zsh")
  Shell shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("shopctl", spec.root().commandLine());
    var out = spec.commandLine().getOut();
    if (shell == Shell.zsh) {
      out.println("autoload -U +X compinit && compinit");
      out.println("autoload -U +X bashcompinit && bashcompinit");
    }
    out.print(script);
    out.flush();
    return Exit.OK;
  }
}
