package dev.shopset.system;

import dev.shopset.testkit.GitCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a system repository holds, read with the git CLI (bare reads, or clones over HTTP). */
final class SystemRepo {

  private final Stack stack;
  private final String name;

  SystemRepo(Stack stack, String name) {
    this.stack = stack;
    this.name = name;
  }

  String url() {
    return stack.url(name);
  }

  private String bare(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "--git-dir";
    full[1] = stack.bareDir(name).toString();
    System.arraycopy(args, 0, full, 2, args.length);
    return stack.cli.git(stack.scratch(), full);
  }

  /** The branch head, or null before the first commit. */
  String head(String branch) {
    String out = bare("for-each-ref", "--format=%(objectname)", "refs/heads/" + branch).strip();
    return out.isEmpty() ? null : out;
  }

  /** Commits on the branch (0 before the first). */
  int commitCount(String branch) {
    return head(branch) == null ? 0 : Integer.parseInt(bare("rev-list", "--count", branch).strip());
  }

  /** Every path on the branch (gitlinks included). */
  List<String> files(String branch) {
    return head(branch) == null
        ? List.of()
        : bare("ls-tree", "-r", "--name-only", branch).lines().toList();
  }

  /** {@code namespace/name} of every ShopSet directory on the branch. */
  Set<String> shopSets(String branch) {
    return files(branch).stream()
        .filter(f -> f.startsWith("shopsets/"))
        .map(f -> f.split("/"))
        .filter(p -> p.length >= 4)
        .map(p -> p[1] + "/" + p[2])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** {@code namespace/name} of every Application file ({@code apps/<ns>/<name>.yaml}). */
  Set<String> applications(String branch) {
    return files(branch).stream()
        .filter(f -> f.startsWith("apps/") && f.endsWith(".yaml"))
        .map(f -> f.split("/"))
        .filter(p -> p.length == 3)
        .map(p -> p[1] + "/" + p[2].substring(0, p[2].length() - ".yaml".length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The replica count each ShopSet overlay of {@code namespace} sets on the branch (the {@code
   * value} of its {@code replicas.yaml} JSON patch), keyed by ShopSet name; one {@code git grep}.
   */
  java.util.Map<String, Set<Integer>> replicas(String branch, String namespace) {
    java.util.Map<String, Set<Integer>> out = new java.util.TreeMap<>();
    if (head(branch) == null) {
      return out;
    }
    String prefix = "shopsets/" + namespace + "/";
    String grep;
    try {
      grep =
          bare("grep", "-E", "value: [0-9]+", branch, "--", ":(glob)" + prefix + "*/replicas.yaml");
    } catch (IllegalStateException noMatch) {
      return out; // git grep exits 1 when nothing matches
    }
    for (String line : grep.lines().toList()) {
      // <branch>:shopsets/<ns>/<name>/replicas.yaml:<text>
      String rest = line.substring(branch.length() + 1);
      int colon = rest.indexOf(':');
      String path = rest.substring(0, colon);
      String name = path.substring(prefix.length()).split("/")[0];
      int value = Integer.parseInt(rest.substring(colon + 1).replaceAll("[^0-9]", ""));
      out.computeIfAbsent(name, n -> new TreeSet<>()).add(value);
    }
    return out;
  }

  /** A file's content at the branch head, or null. */
  String show(String branch, String path) {
    try {
      return bare("show", branch + ":" + path);
    } catch (IllegalStateException missing) {
      return null;
    }
  }

  /**
   * The commit a submodule path is pinned to at the branch head, or null (also before the branch).
   */
  String gitlink(String branch, String path) {
    if (head(branch) == null) {
      return null;
    }
    String out = bare("ls-tree", branch, "--", path);
    return out.startsWith("160000 commit ") ? out.split("\\s+")[2] : null;
  }

  /** Paths changed between two commits. */
  List<String> changed(String from, String to) {
    return bare("diff", "--name-only", from, to).lines().toList();
  }

  /** Whether {@code commit} is the branch head or one of its ancestors. */
  boolean contains(String branch, String commit) {
    try {
      bare("merge-base", "--is-ancestor", commit, branch);
      return true;
    } catch (IllegalStateException no) {
      return false;
    }
  }

  /**
   * The commits of the branch that touched {@code path}, oldest first, each with the file's content
   * after it (null where the commit removed it).
   */
  List<java.util.Map.Entry<String, String>> history(String branch, String path) {
    if (head(branch) == null) {
      return List.of();
    }
    List<String> shas =
        new java.util.ArrayList<>(bare("log", "--format=%H", branch, "--", path).lines().toList());
    java.util.Collections.reverse(shas);
    List<java.util.Map.Entry<String, String>> out = new java.util.ArrayList<>();
    for (String sha : shas) {
      String content;
      try {
        content = bare("show", sha + ":" + path);
      } catch (IllegalStateException removed) {
        content = null;
      }
      out.add(new java.util.AbstractMap.SimpleEntry<>(sha, content));
    }
    return out;
  }

  /** A fresh clone over HTTP with its submodules, as Argo CD or a person would make it. */
  Path cloneWithSubmodules(String branch) {
    return stack.cli.clone(stack.scratch(), url(), branch, true);
  }

  /** {@code kubectl kustomize} of one ShopSet's overlay in a clone. */
  static String kustomize(Path clone, String namespace, String shopSet) {
    return GitCli.run(
        clone, List.of("kubectl", "kustomize", "shopsets/" + namespace + "/" + shopSet));
  }
}
