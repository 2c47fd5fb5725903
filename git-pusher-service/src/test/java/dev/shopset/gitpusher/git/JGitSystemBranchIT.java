package dev.shopset.gitpusher.git;

import static dev.shopset.gitpusher.testing.Fixtures.TIER;
import static dev.shopset.gitpusher.testing.Fixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.gitpusher.app.SourceResolution;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.CommitMessage;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.domain.SourceRef;
import dev.shopset.gitpusher.domain.SystemBranch;
import dev.shopset.gitpusher.testing.Branches;
import dev.shopset.gitpusher.testing.Fixtures;
import dev.shopset.testkit.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JGit system branch against a smart-HTTP git host with basic auth, checked with the git CLI.
 */
class JGitSystemBranchIT {

  @TempDir static Path root;
  static Fixtures git;
  static String app;
  static String config;
  static RemoteHeads heads;
  static SourceResolution resolution;

  @BeforeAll
  static void start() {
    git = new Fixtures(root);
    app = git.appRepo("app");
    config = git.configRepo("config");
    heads = heads(Fixtures.PASSWORD);
    resolution = Branches.resolution(heads, root.resolve("sources"));
  }

  @AfterAll
  static void stop() {
    git.close();
  }

  static RemoteHeads heads(String token) {
    return new RemoteHeads(git.credentials(root.resolve("no-secrets")));
  }

  JGitSystemBranch open(String name, String url) {
    return Branches.open(root.resolve("ws").resolve(name), url, TIER, heads);
  }

  /** Pushes and records the push as announced, as the branch's writer does after the event. */
  static SystemBranch.Pushed push(JGitSystemBranch ws) throws GitFailure {
    SystemBranch.Pushed pushed = ws.push();
    if (!pushed.nothing()) {
      ws.announced(pushed.sha());
    }
    return pushed;
  }

  static Optional<String> commit(JGitSystemBranch ws, RenderEvent... events) throws GitFailure {
    return Branches.commit(ws, resolution, Changes.of(List.of(events)));
  }

  @Test
  void firstRenderCreatesTheBranchWithSubmodulesThatCloneAndBuild() throws Exception {
    String system = git.emptyRepo("system-first");
    try (JGitSystemBranch ws = open("first", system)) {
      ws.sync();
      assertThat(commit(ws, render(system, app, config, "shop", "eu", 1, 2))).isPresent();
      SystemBranch.Pushed pushed = push(ws);
      assertThat(pushed.messages()).hasSize(1);
      assertThat(pushed.filesChanged()).isEqualTo(7);
      assertThat(git.head(system, TIER)).isEqualTo(pushed.sha());
    }
    Path clone = root.resolve("clone-first");
    git.cli.git(root, "clone", "-q", "--recurse-submodules", "-b", TIER, system, clone.toString());
    assertThat(git.cli.git(clone, "ls-files").lines())
        .containsExactly(
            ".gitmodules",
            "apps/project.yaml",
            "apps/shop/eu.yaml",
            "base",
            "config/shop/standard",
            "shopsets/shop/eu/kustomization.yaml",
            "shopsets/shop/eu/replicas.yaml");
    assertThat(git.cli.git(clone, "ls-tree", "HEAD", "base"))
        .startsWith("160000 commit " + git.head(app, TIER));
    assertThat(clone.resolve("base/deployment.yaml")).exists();
    assertThat(git.cli.git(clone, "config", "-f", ".gitmodules", "submodule.base.branch").strip())
        .isEqualTo(TIER);
    String built = GitCli.run(clone, List.of("kubectl", "kustomize", "shopsets/shop/eu"));
    assertThat(built)
        .contains("name: eu-shop")
        .contains("replicas: 2")
        .contains("shopset.dev/configuration: standard");
  }

  @Test
  void aRenderReplacesTheDirectoryWholeARemovalDeletesItAndNoChangeMakesNoCommit()
      throws Exception {
    String system = git.emptyRepo("system-replace");
    try (JGitSystemBranch ws = open("replace", system)) {
      ws.sync();
      var first = render(system, app, config, "shop", "eu", 1, 2);
      var files = new java.util.TreeMap<>(first.files());
      files.put(first.directory() + "/stale.yaml", "old: true\n");
      commit(
          ws,
          new dev.shopset.contracts.events.RenderResult(
              "shop",
              "eu",
              1,
              system,
              TIER,
              first.directory(),
              first.applicationFile(),
              files,
              first.submodules(),
              first.shared()),
          render(system, app, config, "shop", "us", 1, 1));
      push(ws);
      assertThat(commit(ws, render(system, app, config, "shop", "eu", 2, 3))).isPresent();
      assertThat(commit(ws, render(system, app, config, "shop", "eu", 2, 3))).isEmpty();
      assertThat(
              commit(
                  ws,
                  new RenderRemoval(
                      "shop", "us", system, TIER, "shopsets/shop/us", "apps/shop/us.yaml")))
          .isPresent();
      SystemBranch.Pushed pushed = push(ws);
      assertThat(pushed.messages()).hasSize(2);
      assertThat(CommitMessage.shopSets(pushed.messages().get(0)))
          .extracting(r -> r.name() + "@" + r.generation())
          .containsExactly("eu@2");
    }
    Path clone = root.resolve("clone-replace");
    git.cli.git(root, "clone", "-q", "-b", TIER, system, clone.toString());
    assertThat(git.cli.git(clone, "ls-files").lines())
        .containsExactly(
            ".gitmodules",
            "apps/project.yaml",
            "apps/shop/eu.yaml",
            "base",
            "config/shop/standard",
            "shopsets/shop/eu/kustomization.yaml",
            "shopsets/shop/eu/replicas.yaml");
    assertThat(clone.resolve("shopsets/shop/eu/replicas.yaml")).content().contains("replicas: 3");
  }

  @Test
  void aRejectedPushIsReappliedOnTopOfTheHumansCommit() throws Exception {
    String system = git.emptyRepo("system-race");
    try (JGitSystemBranch ws = open("race", system)) {
      ws.sync();
      commit(ws, render(system, app, config, "shop", "eu", 1, 2));
      push(ws);
      String human = git.commitFiles(system, TIER, "README.md", "Hand-written\n");
      commit(ws, render(system, app, config, "shop", "eu", 2, 5));
      assertThatThrownBy(ws::push)
          .isInstanceOfSatisfying(
              GitFailure.class, f -> assertThat(f.kind()).isEqualTo(GitFailure.Kind.REJECTED));
      ws.sync();
      assertThat(ws.head()).contains(human);
      commit(ws, render(system, app, config, "shop", "eu", 2, 5));
      String ours = push(ws).sha();
      assertThat(git.head(system, TIER)).isEqualTo(ours);
      Path clone = root.resolve("clone-race");
      git.cli.git(root, "clone", "-q", "-b", TIER, system, clone.toString());
      assertThat(git.cli.git(clone, "rev-parse", "HEAD^").strip()).isEqualTo(human);
      assertThat(clone.resolve("README.md")).exists();
      assertThat(clone.resolve("shopsets/shop/eu/replicas.yaml")).content().contains("replicas: 5");
    }
  }

  @Test
  void aCommitMadeBeforeACrashIsPushedAfterRestartOnceAndStaleLocksAreCleared() throws Exception {
    String system = git.emptyRepo("system-crash");
    Path dir = root.resolve("ws").resolve("crash");
    var eu = render(system, app, config, "shop", "eu", 1, 2);
    try (JGitSystemBranch ws = open("crash", system)) {
      ws.sync();
      commit(ws, eu);
      push(ws);
      commit(ws, render(system, app, config, "shop", "eu", 2, 4));
      // the process dies here: committed, not pushed, locks left behind
    }
    Files.writeString(dir.resolve("index.lock"), "half");
    Files.writeString(dir.resolve("refs/heads/" + TIER + ".lock"), "half");
    try (JGitSystemBranch ws = open("crash", system)) {
      ws.sync();
      assertThat(commit(ws, render(system, app, config, "shop", "eu", 2, 4))).isEmpty();
      SystemBranch.Pushed pushed = push(ws);
      assertThat(pushed.messages()).hasSize(1);
      assertThat(CommitMessage.shopSets(pushed.messages().get(0)))
          .extracting(r -> r.generation())
          .containsExactly(2L);
    }
    assertThat(dir.resolve("index.lock")).doesNotExist();
    Path clone = root.resolve("clone-crash");
    git.cli.git(root, "clone", "-q", "-b", TIER, system, clone.toString());
    assertThat(git.cli.git(clone, "rev-list", "--count", "HEAD").strip()).isEqualTo("2");
  }

  @Test
  void aCorruptWorkspaceIsStartedAfresh() throws Exception {
    String system = git.emptyRepo("system-corrupt");
    Path dir = root.resolve("ws").resolve("corrupt");
    try (JGitSystemBranch ws = open("corrupt", system)) {
      ws.sync();
      commit(ws, render(system, app, config, "shop", "eu", 1, 2));
      push(ws);
    }
    deleteTree(dir.resolve("objects"));
    Files.createDirectories(dir.resolve("objects"));
    try (JGitSystemBranch ws = open("corrupt", system)) {
      ws.sync();
      assertThat(ws.head()).contains(git.head(system, TIER));
      assertThat(commit(ws, render(system, app, config, "shop", "eu", 2, 7))).isPresent();
      assertThat(push(ws).messages()).hasSize(1);
    }
  }

  @Test
  void aNewSourceHeadMovesThePinInOneCommit() throws Exception {
    String system = git.emptyRepo("system-pin");
    try (JGitSystemBranch ws = open("pin", system)) {
      ws.sync();
      commit(
          ws,
          render(system, app, config, "shop", "eu", 1, 2),
          render(system, app, config, "shop", "us", 1, 2));
      push(ws);
      String old = git.head(app, TIER);
      String next = git.commitFiles(app, TIER, "notes.txt", "v2\n");
      Changes bump = Changes.pins(Map.of("base", next));
      Optional<String> sha = Branches.commit(ws, resolution, bump);
      assertThat(sha).isPresent();
      assertThat(Branches.commit(ws, resolution, bump)).isEmpty();
      SystemBranch.Pushed pushed = push(ws);
      assertThat(pushed.messages())
          .singleElement()
          .asString()
          .startsWith("base: " + old.substring(0, 7) + ".." + next.substring(0, 7));
      assertThat(pushed.filesChanged()).isEqualTo(1);
      assertThat(ws.pins().get("base").sha()).isEqualTo(next);
    }
  }

  @Test
  void aCommitTalksToNoHostTheHeadsOfNewPinsComeResolved() throws Exception {
    String system = git.emptyRepo("system-offline");
    String appHead = git.head(app, TIER);
    String configHead = git.head(config, TIER);
    try (JGitSystemBranch ws = open("offline", system)) {
      ws.sync();
      git.server.setAvailable(false);
      Changes changes = Changes.of(List.of(render(system, app, config, "shop", "eu", 1, 2)));
      SourceHeads heads =
          SourceHeads.of(
              Map.of(
                  new SourceRef(app, TIER),
                  appHead,
                  new SourceRef(config + "/", TIER),
                  configHead));
      assertThat(ws.commit(changes, heads, pins -> CommitMessage.of(TIER, changes.renders(), pins)))
          .isPresent();
      assertThat(ws.pins().get("base").sha()).isEqualTo(appHead);
      assertThat(ws.pins().get("config/shop/standard").sha()).isEqualTo(configHead);
    } finally {
      git.server.setAvailable(true);
    }
  }

  @Test
  void wrongCredentialsAndMissingRepositoriesAreTerminalWithoutSecretsInTheMessage() {
    String locked = git.server.url("locked-system");
    try (JGitSystemBranch ws = open("locked", locked)) {
      assertThatThrownBy(ws::sync)
          .isInstanceOfSatisfying(
              GitFailure.class,
              f -> {
                assertThat(f.kind()).isEqualTo(GitFailure.Kind.TERMINAL);
                assertThat(f.reason()).isEqualTo(FailureReason.AuthenticationFailed);
                assertThat(f.getMessage()).doesNotContain(Fixtures.PASSWORD);
              });
    }
    String missing = git.server.url("no-such-repo");
    try (JGitSystemBranch ws = open("missing", missing)) {
      assertThatThrownBy(ws::sync)
          .isInstanceOfSatisfying(
              GitFailure.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.RepositoryNotFound));
    }
    String forbidden = git.server.url("forbidden-system");
    try (JGitSystemBranch ws = open("forbidden", forbidden)) {
      assertThatThrownBy(ws::sync)
          .isInstanceOfSatisfying(
              GitFailure.class,
              f -> assertThat(f.reason()).isEqualTo(FailureReason.PermissionDenied));
    }
  }

  @Test
  void aDownHostIsTransient() {
    String system = git.emptyRepo("system-down");
    git.server.setAvailable(false);
    try (JGitSystemBranch ws = open("down", system)) {
      assertThatThrownBy(ws::sync)
          .isInstanceOfSatisfying(
              GitFailure.class, f -> assertThat(f.kind()).isEqualTo(GitFailure.Kind.TRANSIENT));
    } finally {
      git.server.setAvailable(true);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    Recovery.deleteRecursively(dir);
  }
}
