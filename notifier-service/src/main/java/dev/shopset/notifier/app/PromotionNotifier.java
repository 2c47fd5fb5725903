package dev.shopset.notifier.app;

import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.notifier.domain.ChannelRouter;
import dev.shopset.notifier.domain.MessageStore;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.notifier.domain.PostedMessage;
import dev.shopset.notifier.domain.PromotionFormatter;
import dev.shopset.notifier.domain.RecentClicks;
import dev.shopset.notifier.domain.ReliableSlack;
import dev.shopset.notifier.domain.SlackException;
import dev.shopset.notifier.domain.SlackMessage;
import dev.shopset.notifier.domain.SlackPort;
import dev.shopset.notifier.domain.SlackResponder;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps one Slack message per Promotion: posted on its first state, updated in place on every
 * change (Approve / Reject while it waits for approvals, Roll back once it succeeded), one thread
 * reply per change so the thread keeps the history; each change of a rollback Promotion is also
 * told in the thread of the message whose Roll back button asked for it. Message ids live in {@code
 * shopset.notifier.messages} under {@code promotion:<key>}, so a restart updates rather than
 * re-posts; a state already handled (same CloudEvent id) changes nothing. A refusal is also told to
 * the person who clicked, when this replica saw the click.
 */
public final class PromotionNotifier {

  private static final Logger LOG = Logger.getLogger(PromotionNotifier.class);

  /** The prefix of a Promotion's entry in the message store (rollout ids never start so). */
  public static final String STORE_PREFIX = "promotion:";

  /**
   * The prefix of the entry naming the message that offers a Roll back to {@code tier@commit}
   * (rollout ids never start so either).
   */
  public static final String ROLLBACK_PREFIX = "rollback-offer:";

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
    if (slack.supportsUpdates()) {
      offerRollback(state, current);
      tellTheRolledBackThread(state, eventId);
    }
    store.put(current.handling(eventId));
    if (PromotionFormatter.isRefusal(state)) {
      tellWhoClicked(key, state);
    }
  }

  /**
   * Remembers which message carries the Roll back button to {@code toTier@commit}, so the rollback
   * Promotion a click on it becomes is recorded in that message's thread.
   */
  private void offerRollback(PromotionApprovalState state, PostedMessage message) {
    Optional<String> target = PromotionFormatter.rollbackTarget(state);
    if (target.isEmpty() || message.ts() == null) {
      return;
    }
    String id = ROLLBACK_PREFIX + state.toTier() + "@" + target.get();
    if (store.get(id).filter(m -> message.ts().equals(m.ts())).isEmpty()) {
      store.put(
          new PostedMessage(
              id,
              message.channel(),
              message.channelId(),
              message.ts(),
              true,
              false,
              true,
              false,
              List.of()));
    }
  }

  /** A rollback's change, told in the thread of the message whose Roll back button asked for it. */
  private void tellTheRolledBackThread(PromotionApprovalState state, String eventId)
      throws SlackException, InterruptedException {
    if (!state.rollback() || state.commit() == null) {
      return;
    }
    String id = ROLLBACK_PREFIX + state.toTier() + "@" + state.commit();
    Optional<PostedMessage> offered = store.get(id);
    if (offered.isEmpty() || offered.get().ts() == null) {
      return;
    }
    slack.post(
        offered.get().channelId(),
        formatter.rollbackReply(state),
        offered.get().ts(),
        id + "#" + eventId,
        false);
    metrics.posted("reply");
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
