package dev.shopset.shopctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to a cluster: kubeconfig and context options, {@code -o}, and the run. */
abstract class ClusterCommand implements Callable<Integer> {

  @Mixin ClusterOptions clusterOptions;

  @Mixin Output output;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    try (Cluster cluster = new Cluster(clusterOptions.client(), clusterOptions.source())) {
      return run(cluster, spec.commandLine().getOut());
    }
  }

  /** Does the command's work; returns its exit code. */
  abstract int run(Cluster cluster, PrintWriter out);

  /** A line on standard error (notes that scripts reading standard output should not see). */
  void note(String line) {
    spec.commandLine().getErr().println(line);
    spec.commandLine().getErr().flush();
  }
}
