package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompletionTest {

  static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = ShopCtl.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void bashCompletionKnowsEveryCommandAndSubcommand() {
    String script = run("completion", "bash");
    assertThat(script)
        .contains("complete -F _complete_shopctl")
        .contains(
            "status",
            "tiers",
            "promote",
            "rollback",
            "freeze",
            "unfreeze",
            "shops",
            "maintenance",
            "suspend",
            "resume",
            "diff",
            "completion")
        .contains("add remove place");
  }

  @Test
  void zshLoadsBashcompinitFirst() {
    assertThat(run("completion", "zsh"))
        .startsWith(
            "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(run("--help"))
        .contains("Exit codes:")
        .contains("3   a named ShopSet, Tier or shop does not exist")
        .contains("4   --wait timed out");
  }
}
