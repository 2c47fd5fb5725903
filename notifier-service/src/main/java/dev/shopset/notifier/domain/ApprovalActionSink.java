package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.ApprovalActionRequested;

/** Where actions asked for from Slack go: {@code shopset.approvals}, to the watcher. */
public interface ApprovalActionSink {

  /** Returns once the broker has the event; throws when it could not be written. */
  void publish(ApprovalActionRequested action);
}
