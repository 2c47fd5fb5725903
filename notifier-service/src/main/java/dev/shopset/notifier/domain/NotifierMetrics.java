package dev.shopset.notifier.domain;

/** What the notifier counts; the service backs it with Micrometer, tests with a no-op. */
public interface NotifierMetrics {

  void posted(String kind);

  void retried(String reason);

  void deadLettered(String reason);

  void coalesced();

  void duplicateAvoided();

  /**
   * One call to Slack ended.
   *
   * @param method {@code post}, {@code update} or {@code find}
   * @param outcome {@code ok}, {@code retryable} or {@code error}
   */
  default void slackCall(String method, String outcome, long nanos) {}

  /** Counts nothing. */
  NotifierMetrics NONE =
      new NotifierMetrics() {
        @Override
        public void posted(String kind) {}

        @Override
        public void retried(String reason) {}

        @Override
        public void deadLettered(String reason) {}

        @Override
        public void coalesced() {}

        @Override
        public void duplicateAvoided() {}
      };
}
