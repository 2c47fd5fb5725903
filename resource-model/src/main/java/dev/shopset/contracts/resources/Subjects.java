package dev.shopset.contracts.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Collection;
import java.util.List;

/**
 * Kubernetes users and groups, as RBAC names them (e.g. {@code alice}, {@code release-managers}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Subjects(
    @Size(max = 200) @JsonPropertyDescription("Kubernetes user names.") List<String> users,
    @Size(max = 200) @JsonPropertyDescription("Kubernetes group names.") List<String> groups) {

  /** Whether {@code user} (with {@code userGroups}) is one of these subjects. */
  public boolean includes(String user, Collection<String> userGroups) {
    if (user != null && users != null && users.contains(user)) {
      return true;
    }
    return groups != null && userGroups != null && userGroups.stream().anyMatch(groups::contains);
  }
}
