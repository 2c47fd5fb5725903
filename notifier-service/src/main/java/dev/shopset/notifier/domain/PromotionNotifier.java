package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.PromotionApprovalState;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps one Slack message per Promotion: posted on its first state, updated in place on every
 * change (buttons only while it waits for approvals), one thread reply per change so the thread
 * keeps the history. Message ids live in {@code shopset.notifier.messages} under {@code
 * promotion:<key>}, so a restart updates rather than re-posts; a state already handled (same
 * CloudEvent id) changes nothing. A refusal is also told to the person who clicked, when this
 * replica saw the click.
 */
public final class PromotionNotifier {

  private static final Logger LOG = Logger.getLogger(PromotionNotifier.class);

  /** The prefix of a Promotion's entry in the message store (rollout ids never start so). */
  public static final String STORE_PREFIX = "promotion:";

  private final PromotionFormatter formatter;
  private final ChannelRouter router;
  private final MessageStore store;
  private final ReliableSlack slack;
  private final RecentClicks clicks;
  private final SlackResponder responder;
  private final NotifierMetrics metrics;

  public PromotionNotifier(
      PromotionFormatter formatter,
      ChannelRouter router,
      MessageStore store,
      ReliableSlack slack,
      RecentClicks clicks,
      SlackResponder responder,
      NotifierMetrics metrics) {
    this.formatter = formatter;
    this.router = router;
    this.store = store;
    this.slack = slack;
    this.clicks = clicks;
    this.responder = responder;
    this.metrics = metrics;
  }

  /**
   * Brings the Promotion's message up to date with {@code state}; returns once Slack accepted it
   * and the mapping is stored.
   *
   * @throws SlackException only for terminal errors: retryable ones are retried here
   */
  public void handle(String eventId, PromotionApprovalState state)
      throws SlackException, InterruptedException {
    String key = Keys.promotion(state.namespace(), state.promotion());
    String id = STORE_PREFIX + key;
    PostedMessage loaded =
        store
            .get(id)
            .orElseGet(
                () -> PostedMessage.none(id, router.channel(state.namespace(), state.toTier())));
    if (loaded.handled(eventId)) {
      return;
    }
    PostedMessage current = loaded;
    SlackMessage message = formatter.message(state);
    if (!current.posted()) {
      boolean maybePosted = current.postAttempted();
      if (!maybePosted && slack.supportsUpdates()) {
        current = current.attempting();
        store.put(current);
      }
      SlackPort.SlackRef ref = slack.post(current.channel(), message, null, id, maybePosted);
      metrics.posted("post");
      current = current.posted(ref, false);
      store.put(current);
    } else if (slack.supportsUpdates()) {
      slack.update(current.channelId(), current.ts(), message, false);
      metrics.posted("update");
    } else {
      slack.post(current.channel(), message, null, id + "#" + eventId, false);
      metrics.posted("post");
    }
    if (slack.supportsUpdates()) {
      // One reply per change; a crash between it and the store write may repeat this one reply.
      slack.post(
          current.channelId(),
          formatter.threadReply(state),
          current.ts(),
          id + "#" + eventId,
          false);
      metrics.posted("reply");
    }
    store.put(current.handling(eventId));
    if (PromotionFormatter.isRefusal(state)) {
      tellWhoClicked(key, state);
    }
  }

  private void tellWhoClicked(String key, PromotionApprovalState state) {
    Optional<String> url = clicks.takeNamed(key, state.message());
    if (url.isEmpty()) {
      return;
    }
    try {
      responder.ephemeral(url.get(), "ShopSet refused this: " + state.message());
    } catch (SlackException e) {
      LOG.warnf("Could not tell who clicked on %s of the refusal: %s", key, e.reason());
    }
  }
}
