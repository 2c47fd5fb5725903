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
  /** The git host did not answer, answered 5xx, or the network failed. */
  Unavailable
}
