package dev.shopset.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionApprovalState.State;
import dev.shopset.notifier.slack.BlockKitJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Promotion's message offers Roll back only once it moved the Tier's branch forward. */
class PromotionFormatterTest {

  private static final String BEFORE = "abcdef0123456789abcdef0123456789abcdef01";
  private final PromotionFormatter formatter = new PromotionFormatter();

  @Test
  void aSucceededPromotionCarriesADangerRollBackButtonToTheCommitItReplacedWithAConfirmation() {
    SlackMessage message = formatter.message(promotion(State.SUCCEEDED, false, null, BEFORE));

    Map<String, Object> button = rollbackButton(message);
    assertThat(button)
        .containsEntry("action_id", "shopset_rollback")
        .containsEntry("value", "prod@" + BEFORE)
        .containsEntry("style", "danger")
        .containsEntry("text", Map.of("type", "plain_text", "text", "Roll back"));
    @SuppressWarnings("unchecked")
    Map<String, Object> confirm = (Map<String, Object>) button.get("confirm");
    assertThat(confirm)
        .containsEntry("text", Map.of("type", "plain_text", "text", "Roll back prod to abcdef0?"))
        .containsEntry("confirm", Map.of("type", "plain_text", "text", "Roll back"))
        .containsEntry("deny", Map.of("type", "plain_text", "text", "Cancel"))
        .containsEntry("style", "danger")
        .containsKey("title");
    assertThat(BlockKitJson.blocks(message)).doesNotContain("shopset_approve", "shopset_reject");
  }

  @Test
  void noRollBackOnARollbackAFailedOrRunningPromotionOrOneThatNamesNoPreviousCommit() {
    assertThat(
            BlockKitJson.blocks(
                formatter.message(promotion(State.SUCCEEDED, true, BEFORE, BEFORE))))
        .as("a rollback itself")
        .doesNotContain("shopset_rollback");
    assertThat(BlockKitJson.blocks(formatter.message(promotion(State.FAILED, false, null, BEFORE))))
        .as("failed")
        .doesNotContain("shopset_rollback");
    assertThat(BlockKitJson.blocks(formatter.message(promotion(State.RUNNING, false, null, null))))
        .as("running")
        .doesNotContain("shopset_rollback");
    assertThat(
            BlockKitJson.blocks(formatter.message(promotion(State.SUCCEEDED, false, null, null))))
        .as("the branch did not move (or an older watcher)")
        .doesNotContain("shopset_rollback");
  }

  @Test
  void aRollbacksReplyNamesWhoAskedTheTierTheCommitAndWhereItStands() {
    var rollback = promotion(State.SUCCEEDED, true, BEFORE, null);

    assertThat(formatter.rollbackReply(rollback).text())
        .contains("Roll back of prod to abcdef0 asked by alice")
        .contains("slack-0123")
        .contains("rolled back to abcdef0");
    assertThat(formatter.message(rollback).text()).contains("Rollback of prod: rolled back to");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rollbackButton(SlackMessage message) {
    return message.blocks().stream()
        .filter(b -> "actions".equals(b.get("type")))
        .flatMap(b -> ((List<Map<String, Object>>) b.get("elements")).stream())
        .filter(e -> "shopset_rollback".equals(e.get("action_id")))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no Roll back button in " + BlockKitJson.blocks(message)));
  }

  private static PromotionApprovalState promotion(
      State state, boolean rollback, String commit, String previousCommit) {
    return new PromotionApprovalState(
        null,
        rollback ? "slack-0123456789abcdef0123" : "release-7",
        1,
        rollback ? "prod" : "staging",
        "prod",
        commit,
        rollback,
        "alice",
        0,
        List.of(),
        null,
        state == State.FAILED ? "NotFastForward" : null,
        state,
        null,
        "done",
        previousCommit);
  }
}
