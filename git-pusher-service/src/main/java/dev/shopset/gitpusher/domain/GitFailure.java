package dev.shopset.gitpusher.domain;

/** A git operation failed; {@link #kind()} says whether retrying can help. */
public final class GitFailure extends Exception {

  /** How to react. */
  public enum Kind {
    /** The remote branch moved: fetch, re-apply, push again. */
    REJECTED,
    /** Network trouble or a server error: retry later with the same work. */
    TRANSIENT,
    /** Retrying cannot help (credentials, missing repository, permission). */
    TERMINAL
  }

  private final Kind kind;
  private final String reason;

  public GitFailure(Kind kind, String reason, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.reason = reason;
  }

  public Kind kind() {
    return kind;
  }

  /** A CamelCase word: AuthenticationFailed, RepositoryNotFound, PermissionDenied, … */
  public String reason() {
    return reason;
  }
}
