package dev.shopset.gitpusher.testing;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetDesired.ConfigurationState;
import dev.shopset.contracts.events.ShopSetDesired.Repository;
import dev.shopset.contracts.events.ShopSetDesired.TierState;
import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.gitpusher.domain.Work;
import dev.shopset.gitpusher.git.CredentialSets;
import dev.shopset.gitpusher.git.GitCredentials;
import dev.shopset.testkit.GitCli;
import dev.shopset.testkit.GitServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Repositories on the test host: an app repository (a Deployment as base) and a configuration
 * repository (a Kustomize component) with a tier branch, and render results that use both.
 */
public final class Fixtures {

  public static final String USER = "pusher";
  public static final String PASSWORD = "pusher-secret";
  public static final String TIER = "tier-a";

  /** The Tier's AppProject, shared by every render of a branch. */
  public static final String PROJECT = "kind: AppProject\nmetadata:\n  name: tier\n";

  public final GitServer server;
  public final GitCli cli = new GitCli(USER, PASSWORD);
  public final Path root;
  private final Path scratch;

  public Fixtures(Path root) {
    this.root = root;
    this.scratch = root.resolve("scratch");
    this.server = GitServer.start(root.resolve("repos"), 0, USER, PASSWORD);
  }

  /**
   * Credentials as the service builds them: repositories under this host's prefix (and {@code more}
   * prefixes) allowed, the test user's token for this host's prefix, credential-set files from
   * {@code dir}.
   */
  public GitCredentials credentials(Path dir, String... more) {
    List<String> prefixes = new java.util.ArrayList<>(List.of(more));
    prefixes.add(server.prefix());
    return new GitCredentials(
        RepositoryPolicy.allowing(prefixes),
        new CredentialSets(
            dir,
            new CredentialSets.Set(
                "configured",
                CredentialSets.prefix(server.prefix()),
                USER,
                java.util.Optional.of(PASSWORD),
                java.util.Optional.empty(),
                java.util.Optional.empty())));
  }

  /** An empty bare repository; returns its URL. */
  public String emptyRepo(String name) {
    cli.git(root.resolve("repos"), "init", "--bare", "-q", name + ".git");
    return server.url(name);
  }

  /** The app repository: a Deployment {@code shop} on branch {@link #TIER}. */
  public String appRepo(String name) {
    return appRepo(name, TIER);
  }

  /** The app repository with the Deployment on {@code branch} only. */
  public String appRepo(String name, String branch) {
    String url = emptyRepo(name);
    commitFiles(
        url,
        branch,
        "kustomization.yaml",
        "resources:\n- deployment.yaml\n",
        "deployment.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          selector:
            matchLabels:
              app: shop
          template:
            metadata:
              labels:
                app: shop
            spec:
              containers:
              - name: shop
                image: example/shop:1.0.0
        """);
    return url;
  }

  /** The configuration repository: a component adding a label, on branch {@link #TIER}. */
  public String configRepo(String name) {
    return configRepo(name, TIER);
  }

  /** The configuration repository with the component on {@code branch} only. */
  public String configRepo(String name, String branch) {
    String url = emptyRepo(name);
    commitFiles(
        url,
        branch,
        "kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        labels:
        - pairs:
            shopset.dev/configuration: standard
        """);
    return url;
  }

  /** Commits files (path, content pairs) on top of {@code branch} as a human would; returns sha. */
  public String commitFiles(String url, String branch, String... pathsAndContents) {
    Path work = scratch.resolve("w" + System.nanoTime());
    cli.git(scratch, "clone", "-q", url, work.toString());
    boolean exists = !cli.git(work, "ls-remote", "--heads", "origin", branch).isBlank();
    if (exists) {
      cli.git(work, "checkout", "-q", branch);
    } else {
      cli.git(work, "checkout", "-q", "--orphan", branch);
    }
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      GitCli.write(work.resolve(pathsAndContents[i]), pathsAndContents[i + 1]);
    }
    cli.git(work, "add", "-A");
    cli.git(work, "commit", "-q", "-m", "Human change");
    cli.git(work, "push", "-q", "origin", branch);
    return cli.git(work, "rev-parse", "HEAD").strip();
  }

  /** The head of a branch by {@code git ls-remote}, or null. */
  public String head(String url, String branch) {
    String out = cli.git(root, "ls-remote", "--heads", url, branch).strip();
    return out.isEmpty() ? null : out.split("\\s+")[0];
  }

  /** A render result for {@code ns/name} using the app and config repositories. */
  public static RenderResult render(
      String system, String app, String config, String ns, String name, long gen, int replicas) {
    return render(system, app, config, ns, name, gen, replicas, TIER);
  }

  /**
   * A render result for system branch {@code branch}, pinning the same branch of app and config.
   */
  public static RenderResult render(
      String system,
      String app,
      String config,
      String ns,
      String name,
      long gen,
      int replicas,
      String branch) {
    String dir = RenderEvent.directoryOf(ns, name);
    String appFile = RenderEvent.applicationFileOf(ns, name);
    TreeMap<String, String> files = new TreeMap<>();
    files.put(
        dir + "/kustomization.yaml",
        """
        resources:
        - ../../../base
        components:
        - ../../../config/%s/standard
        namePrefix: %s-
        patches:
        - path: replicas.yaml
        """
            .formatted(ns, name));
    files.put(
        dir + "/replicas.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          replicas: %d
        """
            .formatted(replicas));
    files.put(appFile, "kind: Application\nmetadata:\n  name: " + ns + "-" + name + "\n");
    return new RenderResult(
        ns,
        name,
        gen,
        system,
        branch,
        dir,
        appFile,
        files,
        List.of(
            new RenderResult.Submodule(RenderEvent.BASE_SUBMODULE, app, branch),
            new RenderResult.Submodule(
                RenderEvent.configSubmoduleOf(ns, "standard"), config, branch)),
        new TreeMap<>(Map.of(RenderResult.PROJECT_FILE, PROJECT)));
  }

  /** A Tier as the watcher joins it into the desired state. */
  public static TierState tier(
      String name, int rank, String branch, String promotesTo, String app, String system) {
    return new TierState(
        name,
        rank,
        branch,
        new Repository(app, null),
        new Repository(system, null),
        promotesTo,
        List.of(),
        false);
  }

  /** The desired state of {@code ns/name} on {@code tier}, with configuration "standard". */
  public static ShopSetDesired desired(String ns, String name, TierState tier, String config) {
    return new ShopSetDesired(
        ns,
        name,
        1,
        new TreeMap<>(),
        new ShopSetDesired.Spec(
            tier.name(), "standard", List.of("s1"), null, null, null, null, null, null, null),
        tier,
        new ConfigurationState("standard", new Repository(config, null)));
  }

  /** Work for a render of {@code ns/name} at generation {@code gen} (not pushable). */
  public static Work.Render work(String name, long gen) {
    return new Work.Render(render("sys", "app", "cfg", "ns", name, gen, 1));
  }

  public void close() {
    server.close();
  }
}
