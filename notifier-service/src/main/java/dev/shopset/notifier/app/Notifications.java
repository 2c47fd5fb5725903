package dev.shopset.notifier.app;

/**
 * What the Kafka consumers hand their records to: the channel lanes for rollouts, the Promotion
 * messages, and the wait for the message mapping to be read (so nothing is posted twice after a
 * restart). Built by the composition root from configuration.
 */
public record Notifications(
    ChannelLanes lanes, PromotionNotifier promotions, MessagesLoaded messagesLoaded) {

  /** Waits until the message mapping is read. */
  @FunctionalInterface
  public interface MessagesLoaded {
    void await() throws InterruptedException;
  }
}
