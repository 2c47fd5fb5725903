package dev.shopset.notifier.app;

import dev.shopset.contracts.events.ApprovalActionRequested;
import dev.shopset.contracts.events.Keys;
import dev.shopset.notifier.domain.ApprovalActionSink;
import dev.shopset.notifier.domain.Interaction;
import dev.shopset.notifier.domain.RecentClicks;
import dev.shopset.notifier.domain.SlackAction;
import dev.shopset.notifier.domain.SlackException;
import dev.shopset.notifier.domain.SlackResponder;
import dev.shopset.notifier.domain.SlackSignature;
import dev.shopset.notifier.domain.SlackUsers;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What a click on one of ShopSet's Slack buttons does: verified (signature, window, replay), the
 * Slack user mapped to a Kubernetes identity, then published as {@link ApprovalActionRequested} for
 * the watcher to check and carry out. Answers at once; what the person should know is sent to the
 * click's {@code response_url} afterwards, where only they see it.
 */
public final class InteractionHandler {

  private static final Logger LOG = Logger.getLogger(InteractionHandler.class);

  /** The HTTP answer to Slack: a status and a short plain-text body. */
  public record Answer(int status, String body) {}

  private final SlackSignature signature;
  private final Interaction.Reader reader;
  private final Supplier<SlackUsers> users;
  private final ApprovalActionSink sink;
  private final SlackResponder responder;
  private final RecentClicks clicks;
  private final Executor replies;
  private final Supplier<Instant> clock;

  public InteractionHandler(
      SlackSignature signature,
      Interaction.Reader reader,
      Supplier<SlackUsers> users,
      ApprovalActionSink sink,
      SlackResponder responder,
      RecentClicks clicks,
      Executor replies,
      Supplier<Instant> clock) {
    this.signature = signature;
    this.reader = reader;
    this.users = users;
    this.sink = sink;
    this.responder = responder;
    this.clicks = clicks;
    this.replies = replies;
    this.clock = clock;
  }

  /** Handles one request to {@code /slack/interactions}; nothing is published unless verified. */
  public Answer handle(String timestamp, String slackSignature, byte[] body) {
    SlackSignature.Verdict verdict = signature.verify(timestamp, slackSignature, body);
    if (verdict != SlackSignature.Verdict.VALID) {
      LOG.warnf("Refused a Slack interaction: %s", verdict.explanation());
      return new Answer(401, "Refused: " + verdict.explanation() + ".");
    }
    Optional<Interaction> parsed;
    try {
      parsed = reader.read(body);
    } catch (IllegalArgumentException e) {
      return new Answer(400, e.getMessage());
    }
    if (parsed.isEmpty()) {
      return new Answer(200, "");
    }
    Interaction click = parsed.get();
    Optional<SlackAction> button = SlackAction.byActionId(click.actionId());
    if (button.isEmpty() || click.value() == null || click.value().isBlank()) {
      return new Answer(200, "");
    }
    Optional<SlackUsers.Person> person = users.get().person(click.userId());
    if (person.isEmpty()) {
      LOG.infof("Slack user %s clicked %s but has no mapping", click.userId(), click.actionId());
      reply(
          click,
          "ShopSet did nothing: your Slack user ("
              + click.userId()
              + ") is not mapped to a Kubernetes user. Ask the platform team to add you to the"
              + " notifier's Slack user mapping.");
      return new Answer(200, "");
    }
    ApprovalActionRequested action;
    try {
      action = action(button.get(), click, person.get());
    } catch (IllegalArgumentException e) {
      reply(click, "ShopSet did nothing: " + e.getMessage());
      return new Answer(200, "");
    }
    try {
      sink.publish(action);
    } catch (RuntimeException e) {
      LOG.errorf("Could not publish %s by %s: %s", action.action(), action.actor(), e.toString());
      reply(click, "ShopSet could not pass this on right now; please click again in a moment.");
      return new Answer(200, "");
    }
    clicks.remember(action.key(), action.actor(), click.responseUrl());
    reply(click, sent(action));
    return new Answer(200, "");
  }

  private ApprovalActionRequested action(
      SlackAction button, Interaction click, SlackUsers.Person person) {
    String value = click.value().strip();
    String namespace = null;
    String promotion = null;
    String tier = null;
    String commit = null;
    switch (button.action()) {
      case APPROVE, REJECT -> {
        int slash = value.indexOf('/');
        namespace = slash < 0 ? null : value.substring(0, slash);
        promotion = slash < 0 ? value : value.substring(slash + 1);
      }
      case PROMOTE -> {
        tier = value;
        promotion = promotionName(click);
      }
      case ROLLBACK -> {
        int at = value.indexOf('@');
        if (at <= 0 || at == value.length() - 1) {
          throw new IllegalArgumentException("this Roll back button names no commit.");
        }
        tier = value.substring(0, at);
        commit = value.substring(at + 1);
        promotion = promotionName(click);
      }
    }
    return new ApprovalActionRequested(
        button.action(),
        namespace,
        promotion,
        tier,
        commit,
        person.user(),
        person.groups(),
        click.userId(),
        click.interactionId(),
        null,
        clock.get());
  }

  /**
   * The new Promotion's name, from the click: {@code slack-} and 20 hex digits of the SHA-256 of
   * the interaction id (what the watcher would choose), so a redelivery names the same Promotion
   * and its messages can be told to the person who clicked.
   */
  static String promotionName(Interaction click) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(click.interactionId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "slack-" + java.util.HexFormat.of().formatHex(digest, 0, 10);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String sent(ApprovalActionRequested a) {
    String what =
        switch (a.action()) {
          case APPROVE ->
              "Your approval of Promotion " + Keys.promotion(a.namespace(), a.promotion());
          case REJECT ->
              "Your rejection of Promotion " + Keys.promotion(a.namespace(), a.promotion());
          case PROMOTE -> "Your promotion of Tier " + a.tier();
          case ROLLBACK -> "Your rollback of Tier " + a.tier() + " to " + a.commit();
        };
    return what
        + " was sent as "
        + a.actor()
        + "; the watcher checks it against the Tier's policy and the message will say the outcome.";
  }

  private void reply(Interaction click, String text) {
    if (click.responseUrl() == null) {
      return;
    }
    replies.execute(() -> {
      try {
        responder.ephemeral(click.responseUrl(), text);
      } catch (SlackException e) {
        LOG.warnf("Could not answer %s in Slack: %s", click.userId(), e.reason());
      }
    });
  }
}
