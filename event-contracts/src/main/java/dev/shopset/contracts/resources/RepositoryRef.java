package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A git repository: where it is, which directory of it to use, and the Secret holding the
 * credentials to reach it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryRef(
    @Required
        @Pattern("^(https?|ssh|file)://.+|^[^@\\s]+@[^:\\s]+:.+")
        @JsonPropertyDescription("Clone URL: https://, ssh://, git@host:path or file://.")
        String url,
    @Pattern("^[^/].*$|^$")
        @JsonPropertyDescription(
            "Directory inside the repository, relative, without a leading '/'; default: the root.")
        String path,
    @Pattern(Names.DNS1123_SUBDOMAIN)
        @JsonPropertyDescription(
            "Secret in the ShopSet controller's namespace with 'username' and 'password' (token)"
                + " or 'ssh-privatekey' and 'known_hosts'.")
        String credentialsSecret) {

  /** The path with '.' for the root, as Kustomize wants it. */
  public String pathOrRoot() {
    return path == null || path.isBlank() ? "." : path;
  }
}
