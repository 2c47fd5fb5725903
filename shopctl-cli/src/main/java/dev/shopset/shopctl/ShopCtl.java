package dev.shopset.shopctl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code shopctl}: releasing, rolling back and placing shops without knowing Kubernetes. Reads and
 * writes ShopSet's resources in any kubeconfig context (the local run writes one for its in-memory
 * API); never talks to Kafka or git.
 */
@Command(
    name = "shopctl",
    mixinStandardHelpOptions = true,
    version = "shopctl 0.1.0",
    description = {
      "Releases, rollbacks, freezes and shop placement for ShopSet, against any kubeconfig"
          + " context (--kubeconfig, --context; default $KUBECONFIG)."
    },
    subcommands = {
      StatusCommand.class,
      TiersCommand.class,
      PromoteCommand.class,
      RollbackCommand.class,
      ApprovalCommands.Approve.class,
      ApprovalCommands.Reject.class,
      FreezeCommands.Freeze.class,
      FreezeCommands.Unfreeze.class,
      ShopsCommand.class,
      ToggleCommands.Maintenance.class,
      ToggleCommands.Suspend.class,
      ToggleCommands.Resume.class,
      DiffCommand.class,
      CompletionCommand.class,
      TrainCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (diff: no difference)",
      "1:the operation failed (a Promotion Failed, a change was refused; diff: differences)",
      "2:invalid command line",
      "3:a named ShopSet, Tier or shop does not exist",
      "4:--wait timed out (the operation goes on in the cluster)",
      "5:the Kubernetes API or the renderer is unreachable or refused the request"
    })
public final class ShopCtl implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with shopctl's errors mapped to their messages and exit codes. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ShopCtl());
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      Throwable cause = e;
      if (cause instanceof KubernetesClientException k) {
        cause = new Cluster(null, "the kubeconfig").unavailable(k);
      }
      if (cause instanceof ShopctlException s) {
        cl.getErr().println("shopctl: " + s.getMessage());
        cl.getErr().flush();
        return s.exitCode();
      }
      throw e;
    });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a command.");
  }
}
