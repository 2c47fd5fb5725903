package dev.shopset.gitpusher.domain;

/**
 * Why git work failed: the {@code reason} of {@code commit failed} events and promotion results (on
 * the wire, the constant's name), of {@link GitFailure} and of the troubleshooting tables in the
 * README and DESIGN.md, which list exactly these constants.
 */
public enum FailureReason {
  /** The git host refused the credentials (HTTP 401, SSH key refused). */
  AuthenticationFailed,
  /** The credentials may read but not write (HTTP 403). */
  PermissionDenied,
  /** No repository at that URL (HTTP 404). */
  RepositoryNotFound,
  /** The SSH host key is not in the known hosts. */
  HostKeyNotTrusted,
  /** The git host refused the push for another reason: a hook, a protected branch. */
  PushRejected,
  /** The branch moved between fetch and push (another writer, a person); fetch and re-apply. */
  NotFastForward,
  /** The branch kept moving: every re-applied push was rejected again. */
  RetriesExhausted,
  /** A promotion's source branch does not exist. */
  BranchNotFound,
  /** A missing tier branch could not be created in an app or configuration repository. */
  BranchNotCreated,
  /** A promotion's named commit is not in the history it must be in. */
  CommitNotInHistory,
  /** The git host did not answer, answered 5xx, or the network failed. */
  Unavailable,
  /**
   * A repository URL outside every allowed prefix, or of a kind never used ({@code file://}, {@code
   * ext::}, ssh options, credentials in the URL); refused before any network call.
   */
  RepositoryNotAllowed,
  /** The system branch's {@code .gitmodules} cannot be read (a person committed it broken). */
  InvalidGitmodules,
  /** A render reaches beyond its ShopSet or names a path git refuses; it is never applied. */
  InvalidRender,
  /** The commit could not be signed with the configured key (missing, unreadable, passphrase). */
  SigningFailed,
  /** A source head (webhook {@code after}, pin request) is not a 40-hex SHA-1 commit id. */
  InvalidSourceHead,
  /** A pin request to a commit that is not a descendant of the pinned one, without rollback. */
  PinNotForward
}
