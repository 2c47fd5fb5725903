package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One ShopSet's directory and Application are to be removed from the branch. */
@JsonClassDescription("Remove one ShopSet's directory and Application from a system branch.")
public record RenderRemoval(
    @JsonPropertyDescription("The ShopSet's namespace.") String namespace,
    @JsonPropertyDescription("The ShopSet's name.") String name,
    @JsonPropertyDescription("Clone URL of the system repository.") String systemRepository,
    @JsonPropertyDescription("The system branch (the Tier's branch).") String branch,
    @JsonPropertyDescription("The ShopSet's directory to remove, shopsets/<namespace>/<name>.")
        String directory,
    @JsonPropertyDescription(
            "The ShopSet's Argo CD Application file to remove, apps/<namespace>/<name>.yaml.")
        String applicationFile)
    implements RenderEvent {
  public RenderRemoval {
    Require.present(namespace, "namespace");
    Require.present(name, "name");
    Require.present(systemRepository, "systemRepository");
    Require.present(branch, "branch");
    Require.present(directory, "directory");
    Require.present(applicationFile, "applicationFile");
  }
}
