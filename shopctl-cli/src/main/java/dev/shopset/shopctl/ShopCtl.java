package dev.shopset.shopctl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code shopctl}: releasing, rolling back and placing shops without knowing Kubernetes. Reads and
 * writes ShopSet's resources in any kubeconfig context (the local run writes one for its in-memory
 * API); never talks to Kafka or git.
 */
@Command(
    name = "shopctl",
    // Every command takes -h/--help and -V/--version, and lists the exit codes in its help.
    scope = CommandLine.ScopeType.INHERIT,
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

  /** The read commands, which a person runs most and wants at once. */
  private static final Map<String, Supplier<Object>> READS =
      Map.of("status", StatusCommand::new, "tiers", TiersCommand::new);

  public static void main(String[] args) {
    System.exit(
        execute(
            new PrintWriter(System.out, true, Charset.defaultCharset()),
            new PrintWriter(System.err, true, Charset.defaultCharset()),
            args));
  }

  /**
   * Runs shopctl. A read command is built alone: picocli then reads the annotations of that one
   * command, not of the whole tree, which is most of a start's work (bench/README.md, "shopctl
   * start"); it behaves as in the tree, help and errors included.
   */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine;
    String[] rest = args;
    if (args.length > 0 && READS.containsKey(args[0])) {
      commandLine = handlingErrors(new CommandLine(READS.get(args[0]).get()));
      commandLine.setCommandName("shopctl " + args[0]);
      // What the tree gives it by inheritance (scope INHERIT above).
      Command root = ShopCtl.class.getAnnotation(Command.class);
      commandLine
          .getCommandSpec()
          .mixinStandardHelpOptions(true)
          .version(root.version())
          .usageMessage()
          .exitCodeListHeading(root.exitCodeListHeading())
          .exitCodeList(exitCodes(root.exitCodeList()));
      rest = Arrays.copyOfRange(args, 1, args.length);
    } else {
      commandLine = commandLine();
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(rest);
  }

  private static Map<String, String> exitCodes(String[] list) {
    Map<String, String> codes = new java.util.LinkedHashMap<>();
    for (String entry : list) {
      int colon = entry.indexOf(':');
      codes.put(entry.substring(0, colon), entry.substring(colon + 1));
    }
    return codes;
  }

  /** The command line, with shopctl's errors mapped to their messages and exit codes. */
  public static CommandLine commandLine() {
    return handlingErrors(new CommandLine(new ShopCtl()));
  }

  private static CommandLine handlingErrors(CommandLine commandLine) {
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
