package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.Approval;
import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionApprovalState.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pure: a Promotion's Slack message (who asked, who approved, Approve / Reject buttons while it
 * waits for approvals, a Roll back button once it moved the Tier's branch) and the thread reply
 * that records each change.
 */
public final class PromotionFormatter {

  /** The Promotion's main message, as it should read in {@code state}. */
  public SlackMessage message(PromotionApprovalState s) {
    String title = emoji(s.state()) + " " + subject(s) + ": " + headline(s);
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(obj("type", "section", "text", mrkdwn("*" + RolloutFormatter.escape(title) + "*")));
    List<Map<String, Object>> fields = new ArrayList<>();
    fields.add(mrkdwn("*Promotion*\n`" + RolloutFormatter.escape(key(s)) + "`"));
    fields.add(
        mrkdwn(
            "*Tiers*\n"
                + RolloutFormatter.escape(s.fromTier())
                + (s.rollback() ? " (rollback)" : " → " + RolloutFormatter.escape(s.toTier()))));
    fields.add(
        mrkdwn(
            "*Commit*\n"
                + (s.commit() == null ? "head of " + s.fromTier() : "`" + s.commit() + "`")));
    fields.add(mrkdwn("*Requested by*\n" + orDash(s.requestedBy())));
    if (s.approvalsRequired() > 0) {
      fields.add(
          mrkdwn(
              "*Approvals "
                  + s.approvals().size()
                  + "/"
                  + s.approvalsRequired()
                  + "*\n"
                  + (s.approvals().isEmpty() ? "none yet" : approvers(s.approvals()))));
    }
    blocks.add(obj("type", "section", "fields", fields));
    if (s.message() != null && !s.message().isBlank()) {
      blocks.add(
          obj(
              "type",
              "context",
              "elements",
              List.of(mrkdwn(RolloutFormatter.escape(s.message())))));
    }
    if (s.state() == State.PENDING_APPROVAL) {
      blocks.add(
          obj(
              "type",
              "actions",
              "block_id",
              "shopset_promotion",
              "elements",
              List.of(
                  button("Approve", SlackAction.APPROVE, key(s), "primary"),
                  button("Reject", SlackAction.REJECT, key(s), "danger"))));
    }
    rollbackTarget(s)
        .ifPresent(commit ->
            blocks.add(
                obj(
                    "type",
                    "actions",
                    "block_id",
                    "shopset_rollback",
                    "elements",
                    List.of(rollbackButton(s.toTier(), commit)))));
    return new SlackMessage(title, blocks, title + (s.message() == null ? "" : "\n" + s.message()));
  }

  /**
   * The commit a Roll back button on this state's message goes back to: what the Tier's branch held
   * before a promotion that succeeded; empty for a rollback, a promotion that did not run or one
   * that did not move the branch.
   */
  public static Optional<String> rollbackTarget(PromotionApprovalState s) {
    return s.state() == State.SUCCEEDED
            && !s.rollback()
            && s.previousCommit() != null
            && !s.previousCommit().isBlank()
        ? Optional.of(s.previousCommit())
        : Optional.empty();
  }

  /**
   * The reply in the thread of the promotion whose Roll back button was clicked, for each change of
   * the rollback Promotion it became: who asked, and where it stands.
   */
  public SlackMessage rollbackReply(PromotionApprovalState rollback) {
    String text =
        ":leftwards_arrow_with_hook: Roll back of "
            + rollback.toTier()
            + " to "
            + shortSha(rollback.commit())
            + " asked by "
            + orDash(rollback.requestedBy())
            + " (Promotion "
            + key(rollback)
            + "): "
            + headline(rollback)
            + (rollback.message() == null || rollback.message().isBlank()
                ? ""
                : "\n" + rollback.message());
    return new SlackMessage(
        text, List.of(obj("type", "section", "text", mrkdwn(RolloutFormatter.escape(text)))), text);
  }

  /** The first 7 characters of a commit, as git shows it. */
  static String shortSha(String commit) {
    return commit == null ? "unknown" : commit.substring(0, Math.min(7, commit.length()));
  }

  /** The thread reply that records this state: what happened, and the watcher's words. */
  public SlackMessage threadReply(PromotionApprovalState s) {
    String line = emoji(s.state()) + " " + headline(s);
    String text = s.message() == null || s.message().isBlank() ? line : line + "\n" + s.message();
    return new SlackMessage(
        text, List.of(obj("type", "section", "text", mrkdwn(RolloutFormatter.escape(text)))), text);
  }

  /** Whether the state says the watcher refused someone's approval, rejection or promotion. */
  public static boolean isRefusal(PromotionApprovalState s) {
    return s.reason() != null
        && (s.state() == State.PENDING_APPROVAL
                && s.message() != null
                && s.message().startsWith("Refused")
            || s.state() == State.FAILED && "NotAllowed".equals(s.reason()));
  }

  /** One line: where the Promotion stands, e.g. "approved by alice (Slack) 1/2". */
  static String headline(PromotionApprovalState s) {
    String count = s.approvals().size() + "/" + s.approvalsRequired();
    return switch (s.state()) {
      case PENDING_APPROVAL ->
          s.approvals().isEmpty()
              ? "requested by "
                  + orDash(s.requestedBy())
                  + ", waiting for "
                  + s.approvalsRequired()
                  + " approval"
                  + (s.approvalsRequired() == 1 ? "" : "s")
              : "approved by " + approval(s.approvals().getLast()) + " " + count;
      case APPROVED -> "approved " + count + " by " + approvers(s.approvals());
      case REJECTED -> "rejected by " + orDash(s.rejectedBy());
      case EXPIRED -> "expired with " + count + " approvals";
      case RUNNING -> "running" + (s.approvalsRequired() > 0 ? " (approved " + count + ")" : "");
      case SUCCEEDED ->
          s.rollback() ? "rolled back to " + shortSha(s.commit()) : "promoted to " + s.toTier();
      case FAILED -> "NotAllowed".equals(s.reason()) ? "refused" : "failed";
    };
  }

  private static String subject(PromotionApprovalState s) {
    return s.rollback()
        ? "Rollback of " + s.toTier()
        : "Promotion " + s.fromTier() + " → " + s.toTier();
  }

  private static String key(PromotionApprovalState s) {
    return Keys.promotion(s.namespace(), s.promotion());
  }

  private static String approvers(List<Approval> approvals) {
    return approvals.stream().map(PromotionFormatter::approval).collect(Collectors.joining(", "));
  }

  private static String approval(Approval a) {
    return a.by() + " (" + via(a.via()) + ")";
  }

  private static String via(String via) {
    return Approval.VIA_SLACK.equals(via) ? "Slack" : via;
  }

  private static String emoji(State state) {
    return switch (state) {
      case PENDING_APPROVAL -> ":raised_hand:";
      case APPROVED -> ":+1:";
      case REJECTED -> ":no_entry_sign:";
      case EXPIRED -> ":hourglass:";
      case RUNNING -> ":rocket:";
      case SUCCEEDED -> ":white_check_mark:";
      case FAILED -> ":x:";
    };
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }

  private static Map<String, Object> button(
      String label, SlackAction action, String value, String style) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", "button");
    b.put("action_id", action.actionId());
    b.put("text", obj("type", "plain_text", "text", label));
    b.put("value", value);
    b.put("style", style);
    return b;
  }

  /** Roll back, with Slack's confirmation dialog: a click asks once more before it is sent. */
  private static Map<String, Object> rollbackButton(String tier, String commit) {
    Map<String, Object> b =
        button("Roll back", SlackAction.ROLLBACK, tier + "@" + commit, "danger");
    b.put(
        "confirm",
        obj(
            "title",
            obj("type", "plain_text", "text", "Roll back " + tier + "?"),
            "text",
            obj(
                "type",
                "plain_text",
                "text",
                "Roll back " + tier + " to " + shortSha(commit) + "?"),
            "confirm",
            obj("type", "plain_text", "text", "Roll back"),
            "deny",
            obj("type", "plain_text", "text", "Cancel"),
            "style",
            "danger"));
    return b;
  }

  private static Map<String, Object> mrkdwn(String text) {
    return obj("type", "mrkdwn", "text", text);
  }

  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
