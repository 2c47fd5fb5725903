package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.RolloutStarted;

/**
 * Keeps one Slack message per rollout: posts it on the first event seen (whichever that is),
 * updates it as the rollout progresses, shows the outcome and replies in its thread at the end.
 * Idempotent: an event already handled, or older than what the message shows, changes nothing.
 */
public final class RolloutNotifier {

  private final RolloutFormatter formatter;
  private final ChannelRouter router;
  private final MessageStore store;
  private final ReliableSlack slack;
  private final NotifierMetrics metrics;

  public RolloutNotifier(
      RolloutFormatter formatter,
      ChannelRouter router,
      MessageStore store,
      ReliableSlack slack,
      NotifierMetrics metrics) {
    this.formatter = formatter;
    this.router = router;
    this.store = store;
    this.slack = slack;
    this.metrics = metrics;
  }

  /** The channel the rollout's message lives in (where it was posted, if it was). */
  public String channelOf(RolloutEvent event) {
    return store
        .get(event.rollout().id())
        .map(PostedMessage::channel)
        .orElseGet(() -> router.channel(event.rollout()));
  }

  /**
   * Brings Slack up to date with {@code event}; returns once Slack accepted and the mapping is
   * stored.
   *
   * @param updateBudgetTaken the caller already waited for the update budget
   * @throws SlackException only for terminal errors: retryable ones are retried here
   */
  public void handle(String eventId, RolloutEvent event, boolean updateBudgetTaken)
      throws SlackException, InterruptedException {
    String id = event.rollout().id();
    PostedMessage loaded =
        store.get(id).orElseGet(() -> PostedMessage.none(id, router.channel(event.rollout())));
    if (loaded.handled(eventId) || isStale(loaded, event)) {
      return;
    }
    String channel = loaded.channel();
    PostedMessage state = loaded;
    if (!state.posted()) {
      state = postMain(state, event, channel);
    } else if (slack.supportsUpdates()) {
      slack.update(state.channelId(), state.ts(), formatter.message(event), updateBudgetTaken);
      metrics.posted("update");
      state = event.isFinal() ? state.showingFinal() : state;
    } else {
      // Webhook mode: no updates, so the outcome is a message of its own.
      slack.post(channel, formatter.message(event), null, id + "#final", false);
      metrics.posted("post");
      state = state.showingFinal();
    }
    if (event.isFinal() && !state.replied() && slack.supportsUpdates()) {
      store.put(state);
      boolean maybeReplied = loaded.finalShown() && !loaded.replied();
      slack.post(
          state.channelId(), formatter.threadReply(event), state.ts(), id + "#reply", maybeReplied);
      metrics.posted("reply");
      state = state.withReply();
    }
    store.put(state.handling(eventId));
  }

  private PostedMessage postMain(PostedMessage state, RolloutEvent event, String channel)
      throws SlackException, InterruptedException {
    boolean maybePosted = state.postAttempted();
    if (!maybePosted && slack.supportsUpdates()) {
      // Written before the post: after a crash between post and mapping, look before posting.
      state = state.attempting();
      store.put(state);
    }
    SlackPort.SlackRef ref =
        slack.post(channel, formatter.message(event), null, state.rolloutId(), maybePosted);
    metrics.posted("post");
    return state.posted(ref, event.isFinal());
  }

  /** Nothing left to do for this event: the message already shows as much or more. */
  private boolean isStale(PostedMessage state, RolloutEvent event) {
    if (state.finalShown()) {
      return !event.isFinal() || state.replied() || !slack.supportsUpdates();
    }
    return state.posted()
        && !event.isFinal()
        && (event instanceof RolloutStarted || !slack.supportsUpdates());
  }
}
