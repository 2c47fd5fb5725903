package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.GitFailure;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Branch heads of remote repositories, by {@code ls-remote}; never clones. */
public final class RemoteHeads {

  private final GitCredentials credentials;

  public RemoteHeads(GitCredentials credentials) {
    this.credentials = credentials;
  }

  /** Branch name to head sha. */
  public Map<String, String> heads(String url) throws GitFailure {
    TransportConfigCallback transport = credentials.transport(url);
    try {
      Collection<Ref> refs =
          Git.lsRemoteRepository()
              .setRemote(url)
              .setHeads(true)
              .setTransportConfigCallback(transport)
              .setTimeout(30)
              .call();
      Map<String, String> heads = new HashMap<>();
      for (Ref ref : refs) {
        if (ref.getName().startsWith("refs/heads/") && ref.getObjectId() != null) {
          heads.put(ref.getName().substring("refs/heads/".length()), ref.getObjectId().name());
        }
      }
      return heads;
    } catch (Exception e) {
      throw GitErrors.classify("ls-remote", url, e);
    }
  }

  /** The default branch (what {@code HEAD} points to), or null when the host does not say. */
  public String defaultBranch(String url) throws GitFailure {
    TransportConfigCallback transport = credentials.transport(url);
    try {
      Map<String, Ref> refs =
          Git.lsRemoteRepository()
              .setRemote(url)
              .setTransportConfigCallback(transport)
              .setTimeout(30)
              .callAsMap();
      Ref head = refs.get("HEAD");
      if (head == null) {
        return null;
      }
      if (head.isSymbolic()) {
        return Repository.shortenRefName(head.getTarget().getName());
      }
      for (String name : List.of("main", "master")) {
        Ref candidate = refs.get("refs/heads/" + name);
        if (candidate != null && candidate.getObjectId().equals(head.getObjectId())) {
          return name;
        }
      }
      return null;
    } catch (Exception e) {
      throw GitErrors.classify("ls-remote", url, e);
    }
  }

  /** The head of one branch, or null when it does not exist. */
  public String head(String url, String branch) throws GitFailure {
    return heads(url).get(branch);
  }

  public GitCredentials credentials() {
    return credentials;
  }
}
