package dev.shopset.shopctl;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster: a kubeconfig ({@code --kubeconfig}, else {@code $KUBECONFIG}) and a context. */
public final class ClusterOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config; the local run writes"
              + " .local/run/kubeconfig).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context (default: its current context).")
  String context;

  @Option(
      names = "--as",
      paramLabel = "USER",
      description =
          "Act as USER (Kubernetes impersonation: needs RBAC 'impersonate'); approvals and"
              + " promotions are then recorded in USER's name.")
  String as;

  /** A client of the chosen cluster. */
  public KubernetesClient client() {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new ShopctlException(Exit.USAGE, "Cannot read the kubeconfig " + kubeconfig + ".");
      }
      config = Config.fromKubeconfig(context, kubeconfig.toFile());
    } else {
      config = Config.autoConfigure(context);
    }
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new ShopctlException(
          Exit.USAGE,
          "Context "
              + context
              + " is not in "
              + (kubeconfig != null ? kubeconfig : "the kubeconfig")
              + contexts(config));
    }
    if (as != null) {
      config.setImpersonateUsername(as);
    }
    config.setRequestTimeout(30_000);
    // A command line fails fast and says so, rather than retrying for a minute.
    config.setRequestRetryBackoffLimit(1);
    config.setRequestRetryBackoffInterval(200);
    config.setConnectionTimeout(5_000);
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  private static String contexts(Config config) {
    var names = config.getContexts().stream().map(c -> c.getName()).sorted().toList();
    return names.isEmpty() ? "." : " (it has: " + String.join(", ", names) + ").";
  }

  /** Where the kubeconfig came from, for messages. */
  String source() {
    if (kubeconfig != null) {
      return kubeconfig.toString();
    }
    String env = System.getenv("KUBECONFIG");
    return env != null ? env : System.getProperty("user.home") + File.separator + ".kube/config";
  }
}
