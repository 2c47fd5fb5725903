package dev.shopset.contracts.events;

import java.util.List;
import java.util.SortedMap;

/**
 * The complete file set of one ShopSet: every file under {@link #directory()} plus {@link
 * #applicationFile()}. Files of the directory not listed here are to be deleted.
 *
 * @param generation the ShopSet generation this was rendered from
 * @param files repository-relative path to UTF-8 content, sorted by path
 * @param submodules the submodules the files refer to ({@code base}, {@code
 *     config/<namespace>/<configuration>})
 * @param shared files every ShopSet of the branch shares, derived from the Tier alone (the Tier's
 *     Argo CD AppProject, {@link #PROJECT_FILE}); written as given, never deleted by a removal
 */
public record RenderResult(
    String namespace,
    String name,
    long generation,
    String systemRepository,
    String branch,
    String directory,
    String applicationFile,
    SortedMap<String, String> files,
    List<Submodule> submodules,
    SortedMap<String, String> shared)
    implements RenderEvent {

  /** Where the Tier's AppProject lives on its branch (beside the per-namespace directories). */
  public static final String PROJECT_FILE = "apps/project.yaml";

  public RenderResult {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(directory, "directory");
    Require.present(applicationFile, "applicationFile");
    files = Require.sorted(files);
    submodules = Require.list(submodules);
    shared = Require.sorted(shared);
  }

  /** A git submodule of the system repository, pinned to the head of {@code branch}. */
  public record Submodule(String path, String url, String branch) {
    public Submodule {
      Require.present(path, "submodule.path");
      Require.present(url, "submodule.url");
      Require.present(branch, "submodule.branch");
    }
  }
}
