package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A git repository: where it is and which directory of it to use. Credentials are not named here:
 * the platform team configures them once per URL prefix (see the README's repository policy), and
 * they are only ever sent to URLs under their own prefix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryRef(
    @Required
        @Pattern("^(https?|ssh)://[^\\s]+$|^[^@\\s/]+@[^:\\s/]+:[^\\s]+$")
        @JsonPropertyDescription(
            "Clone URL: https://, http://, ssh:// or git@host:path, under a prefix the platform"
                + " allows.")
        String url,
    @Pattern("^[^/].*$|^$")
        @JsonPropertyDescription(
            "Directory inside the repository, relative, without a leading '/'; default: the root.")
        String path) {

  /** The path with '.' for the root, as Kustomize wants it. */
  public String pathOrRoot() {
    return path == null || path.isBlank() ? "." : path;
  }
}
