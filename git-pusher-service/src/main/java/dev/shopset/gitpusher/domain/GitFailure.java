package dev.shopset.gitpusher.domain;

/**
 * A git operation failed; {@link #kind()} says whether retrying can help, {@link #reason()} what
 * happened. The message is for a person and never carries credentials.
 */
public final class GitFailure extends Exception {

  /** How to react. */
  public enum Kind {
    /** The remote branch moved: fetch, re-apply, push again. */
    REJECTED,
    /** Network trouble or a server error: retry later with the same work. */
    TRANSIENT,
    /** Retrying cannot help until someone acts (credentials, missing repository, permission). */
    TERMINAL,
    /** The work can never succeed as it is (a malformed .gitmodules, an invalid path). */
    INVALID
  }

  private final Kind kind;
  private final FailureReason reason;

  public GitFailure(Kind kind, FailureReason reason, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.reason = reason;
  }

  public Kind kind() {
    return kind;
  }

  public FailureReason reason() {
    return reason;
  }
}
