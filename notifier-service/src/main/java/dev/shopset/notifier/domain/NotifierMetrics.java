package dev.shopset.notifier.domain;

/** What the notifier counts; the service backs it with Micrometer, tests with a no-op. */
public interface NotifierMetrics {

  void posted(String kind);

  void retried(String reason);

  void deadLettered(String reason);

  void coalesced();

  void duplicateAvoided();

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
