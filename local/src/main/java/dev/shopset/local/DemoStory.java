package dev.shopset.local;

import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.shopctl.ShopCtl;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * The scripted story of {@code ./shopset run --demo}: the example ShopSets are committed, one is
 * changed, new code lands on the dev tier, dev is promoted to prod, and a rollout is announced.
 * Each chapter waits for its effect in git, in the API or in the notifier's messages, and fails
 * with what it was waiting for.
 */
final class DemoStory {

  static final String NAMESPACE = "shops-eu";
  static final String DEV = "dev";
  static final String PROD = "prod";
  private static final Duration STEP = Duration.ofSeconds(90);

  private final KubernetesClient client;
  private final GitRepositories git;
  private final SlackConsole slack;
  private final Console console;
  private final Path kubeconfig;

  /**
   * @param kubeconfig the kubeconfig of {@code client}'s API, which the story's shopctl step uses
   */
  DemoStory(
      KubernetesClient client,
      GitRepositories git,
      SlackConsole slack,
      Console console,
      Path kubeconfig) {
    this.client = client;
    this.git = git;
    this.slack = slack;
    this.console = console;
    this.kubeconfig = kubeconfig;
  }

  /** Runs every chapter in order; throws when one does not come true in time. */
  void run() throws IOException, InterruptedException {
    shopSetsCommitted();
    shopSetChanged();
    baseBumped();
    promoted();
    rolledOut();
  }

  private void shopSetsCommitted() throws IOException, InterruptedException {
    console.step("Demo 1/5: the example ShopSets become overlays and Applications in git");
    for (String repository : List.of("app", "config")) {
      for (String branch : List.of(DEV, PROD)) {
        await(
            "the tier branch " + branch + " of the " + repository + " repository",
            () -> head(repository, branch) != null);
        console.detail("opened    " + repository + " " + branch + " (it had only main)");
      }
    }
    awaitFile(DEV, "shopsets/shops-eu/eu-small/kustomization.yaml");
    awaitFile(DEV, "apps/shops-eu/eu-small.yaml");
    awaitFile(PROD, "shopsets/shops-eu/eu-large/kustomization.yaml");
    await(
        "ShopSet status to show their commit",
        () -> lastCommit("eu-small") != null && lastCommit("eu-large") != null);
    console.detail("status    eu-small committed as " + shortSha(lastCommit("eu-small")));
    console.detail("status    eu-large committed as " + shortSha(lastCommit("eu-large")));
    showLog(DEV);
  }

  private void shopSetChanged() throws IOException, InterruptedException {
    console.step("Demo 2/5: eu-small gets a fourth shop (munich)");
    String before = lastCommit("eu-small");
    client
        .resources(ShopSet.class)
        .inNamespace(NAMESPACE)
        .withName("eu-small")
        .edit(s -> {
          s.setSpec(withShop(s.getSpec(), "munich"));
          return s;
        });
    console.detail("applied   ShopSet shops-eu/eu-small: shops += munich");
    await(
        "the overlay of eu-small on " + DEV + " to list munich",
        () -> contains(DEV, "shopsets/shops-eu/eu-small/kustomization.yaml", "munich"));
    await(
        "eu-small's status to show the new commit",
        () -> !Objects.equals(lastCommit("eu-small"), before));
    showLog(DEV);
  }

  private void baseBumped() throws IOException, InterruptedException {
    console.step("Demo 3/5: new code on the app repository's dev branch reaches the dev tier");
    String before = git.head("app", DEV);
    String head =
        git.commit(
            "app",
            DEV,
            "deployment.yaml",
            yaml -> yaml.replace("replicas: 2", "replicas: 3"),
            "shop-web: three replicas by default");
    console.detail("pushed    app " + DEV + " " + shortSha(before) + ".." + shortSha(head));
    await(
        "the base/ pin of the system branch " + DEV + " to move to " + shortSha(head),
        () -> head.equals(gitlink(DEV)));
    showLog(DEV);
  }

  private void promoted() throws IOException, InterruptedException {
    console.step("Demo 4/5: promote dev to prod, with shopctl as a release pipeline would");
    String devHead = git.head("app", DEV);
    console.detail("$ shopctl promote dev --wait --timeout 90s");
    StringWriter out = new StringWriter();
    CommandLine shopctl = ShopCtl.commandLine();
    shopctl.setOut(new PrintWriter(out));
    shopctl.setErr(new PrintWriter(out));
    int exit =
        shopctl.execute(
            "promote",
            DEV,
            "--wait",
            "--timeout",
            STEP.toSeconds() + "s",
            "--kubeconfig",
            kubeconfig.toString());
    out.toString().lines().forEach(line -> console.detail("shopctl   " + line));
    if (exit != 0) {
      throw new IllegalStateException("shopctl promote dev exited with " + exit);
    }
    await(
        "the app repository's prod branch to be at dev's head " + shortSha(devHead),
        () -> devHead.equals(head("app", PROD)));
    await(
        "the base/ pin of the system branch " + PROD + " to move to " + shortSha(devHead),
        () -> devHead.equals(gitlink(PROD)));
    showLog(PROD);
  }

  private void rolledOut() {
    console.step("Demo 5/5: a Deployment of eu-small rolls out (the demo plays the controller)");
    RolloutSimulator simulator = new RolloutSimulator(client);
    var target =
        new RolloutSimulator.Target(NAMESPACE, "shop-web", "eu-small", DEV, "#shops-eu", 3);
    simulator.deploy(target, "nginxinc/nginx-unprivileged:1.27-alpine");
    simulator.rollOut(target, 2, "nginxinc/nginx-unprivileged:1.28-alpine", Duration.ofSeconds(1));
    await(
        "the notifier's message to read that shop-web rolled out",
        () ->
            slack.messages().stream()
                .anyMatch(m -> m.contains("shop-web rolled out") && m.contains("now reads")));
    await(
        "the notifier's thread reply",
        () -> slack.messages().stream().anyMatch(m -> m.contains("thread of")));
  }

  private static ShopSetSpec withShop(ShopSetSpec s, String shop) {
    List<String> shops = new ArrayList<>(s.shops());
    shops.add(shop);
    return new ShopSetSpec(
        s.tier(),
        s.configuration(),
        shops,
        s.replicas(),
        s.resources(),
        s.env(),
        s.maintenance(),
        s.failureDomain(),
        s.suspend(),
        s.maxShops());
  }

  private String lastCommit(String shopSet) {
    ShopSet current =
        client.resources(ShopSet.class).inNamespace(NAMESPACE).withName(shopSet).get();
    if (current == null
        || current.getStatus() == null
        || current.getStatus().lastCommit() == null) {
      return null;
    }
    return current.getStatus().lastCommit().sha();
  }

  private void awaitFile(String branch, String path) {
    await(path + " on the system branch " + branch, () -> contains(branch, path, ""));
    console.detail("in git    system " + branch + ":" + path);
  }

  private boolean contains(String branch, String path, String text) {
    try {
      String content = git.show("system", branch, path);
      return content != null && content.contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String head(String repository, String branch) {
    try {
      return git.head(repository, branch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String gitlink(String branch) {
    try {
      return git.gitlink("system", branch, "base");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void showLog(String branch) throws IOException, InterruptedException {
    console.detail("git log   system " + branch + ":");
    for (String line : git.log("system", branch, 3).strip().split("\n")) {
      console.detail("            " + line);
    }
  }

  private void await(String what, BooleanSupplier condition) {
    Waits.until(what, STEP, condition);
  }

  private static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
  }
}
