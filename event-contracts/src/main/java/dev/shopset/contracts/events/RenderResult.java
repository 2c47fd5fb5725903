package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
@JsonClassDescription(
    "The complete file set of one ShopSet in the system repository, and the files its Tier's ShopSets share.")
public record RenderResult(
    @JsonPropertyDescription("The ShopSet's namespace.") String namespace,
    @JsonPropertyDescription("The ShopSet's name.") String name,
    @JsonPropertyDescription("The ShopSet generation this was rendered from.") long generation,
    @JsonPropertyDescription("Clone URL of the system repository.") String systemRepository,
    @JsonPropertyDescription("The system branch (the Tier's branch).") String branch,
    @JsonPropertyDescription(
            "The ShopSet's own directory, shopsets/<namespace>/<name>; files in it not listed in"
                + " files are to be deleted.")
        String directory,
    @JsonPropertyDescription("The ShopSet's Argo CD Application, apps/<namespace>/<name>.yaml.")
        String applicationFile,
    @JsonPropertyDescription("Repository-relative path to UTF-8 content, sorted by path.")
        SortedMap<String, String> files,
    @JsonPropertyDescription(
            "The submodules the files refer to (base, config/<namespace>/<configuration>).")
        List<Submodule> submodules,
    @JsonPropertyDescription(
            "Files every ShopSet of the branch shares, derived from the Tier alone (its Argo CD"
                + " AppProject, apps/project.yaml); written as given, never deleted by a removal.")
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
  @JsonClassDescription("A git submodule of the system repository, pinned to the head of a branch.")
  public record Submodule(
      @JsonPropertyDescription("Where the submodule is in the system repository.") String path,
      @JsonPropertyDescription("Clone URL of the repository it checks out.") String url,
      @JsonPropertyDescription("The branch whose head it is pinned to.") String branch) {
    public Submodule {
      Require.present(path, "submodule.path");
      Require.present(url, "submodule.url");
      Require.present(branch, "submodule.branch");
    }
  }
}
