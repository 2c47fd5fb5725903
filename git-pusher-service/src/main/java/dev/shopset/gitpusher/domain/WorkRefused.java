package dev.shopset.gitpusher.domain;

/** Work that can never succeed as it is; its message becomes the dead-letter reason. */
public final class WorkRefused extends RuntimeException {

  private final FailureReason reason;

  public WorkRefused(FailureReason reason, String message) {
    super(reason + ": " + message, null, false, false);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }
}
