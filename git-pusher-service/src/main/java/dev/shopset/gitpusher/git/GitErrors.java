package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.RepositoryUrls;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/** Sorts JGit exceptions into retryable and terminal failures, with credentials scrubbed. */
final class GitErrors {

  private GitErrors() {}

  static GitFailure classify(String action, String url, Throwable e) {
    String text = messages(e);
    String lower = text.toLowerCase(Locale.ROOT);
    String where = action + " " + RepositoryUrls.scrub(url) + ": ";
    if (has(e, NoRemoteRepositoryException.class)
        || lower.contains("repository not found")
        || lower.contains("not found")) {
      return terminal(
          FailureReason.RepositoryNotFound,
          where + "the repository does not exist; check the URL",
          e);
    }
    if (lower.contains("server key did not validate") || lower.contains("host key")) {
      return terminal(
          FailureReason.HostKeyNotTrusted,
          where + "the host's SSH key is not in the known hosts; check the known_hosts file",
          e);
    }
    if (lower.contains("not authorized")
        || lower.contains("authentication is required")
        || lower.contains("cannot log in")
        || lower.contains("no more authentication methods")) {
      return terminal(
          FailureReason.AuthenticationFailed,
          where + "the git host refused the credentials; check the token or SSH key",
          e);
    }
    if (lower.contains("not permitted") || lower.contains("forbidden")) {
      return terminal(
          FailureReason.PermissionDenied,
          where + "the credentials may not write this repository",
          e);
    }
    return new GitFailure(
        GitFailure.Kind.TRANSIENT, FailureReason.Unavailable, where + RepositoryUrls.scrub(text));
  }

  private static GitFailure terminal(FailureReason reason, String message, Throwable e) {
    return new GitFailure(GitFailure.Kind.TERMINAL, reason, message);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        text.append(text.isEmpty() ? "" : ": ").append(t.getMessage());
      }
    }
    return text.toString();
  }

  /**
   * Whether a push the host refused "for another reason" lost a race for the ref with a concurrent
   * push (git's receive-pack could not lock or update it) rather than being refused for good (a
   * hook, a protected branch): the former is retried like a non-fast-forward.
   */
  static boolean lostARace(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("failed to update ref")
        || m.contains("failed to lock")
        || m.contains("cannot lock ref")
        || m.contains("unable to lock");
  }
}
