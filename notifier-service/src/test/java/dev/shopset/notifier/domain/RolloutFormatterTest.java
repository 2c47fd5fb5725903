package dev.shopset.notifier.domain;

import static dev.shopset.notifier.domain.Rollouts.failed;
import static dev.shopset.notifier.domain.Rollouts.progressing;
import static dev.shopset.notifier.domain.Rollouts.rolledBack;
import static dev.shopset.notifier.domain.Rollouts.rollout;
import static dev.shopset.notifier.domain.Rollouts.started;
import static dev.shopset.notifier.domain.Rollouts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.notifier.slack.BlockKitJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutFormatterTest {

  private final RolloutFormatter formatter = new RolloutFormatter();
  private static final Rollout R = rollout("shop-a", "checkout");

  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of(
            "started",
            started(R),
            ":rocket: checkout is rolling out",
            "checkout in shop-a (ShopSet eu-shops, tier production): revision 7 is rolling out,"
                + " 5/5 ready, 0 updated",
            null),
        Arguments.of(
            "progressing",
            progressing(R, 3),
            ":hourglass_flowing_sand: checkout is rolling out",
            "checkout in shop-a (ShopSet eu-shops, tier production): revision 7 is rolling out,"
                + " 5/5 ready, 3 updated, 1 unavailable",
            null),
        Arguments.of(
            "succeeded",
            succeeded(R),
            ":white_check_mark: checkout rolled out",
            "checkout in shop-a (ShopSet eu-shops, tier production): revision 7 rolled out after"
                + " 2m 14s, 5/5 ready, 5 updated",
            "*Duration*\n2m 14s"),
        Arguments.of(
            "failed",
            failed(R),
            ":x: checkout failed to roll out",
            "checkout in shop-a (ShopSet eu-shops, tier production): revision 7 failed to roll out"
                + " after 10m, 3/5 ready, 2 updated, 2 unavailable. ProgressDeadlineExceeded:"
                + " ReplicaSet \"checkout-7d9f\" has timed out progressing.",
            ":warning: *ProgressDeadlineExceeded*: ReplicaSet \"checkout-7d9f\" has timed out"
                + " progressing."),
        Arguments.of(
            "rolled-back",
            rolledBack(R),
            ":leftwards_arrow_with_hook: checkout was rolled back",
            "checkout in shop-a (ShopSet eu-shops, tier production): revision 7 was rolled back"
                + " after 1m 3s, 5/5 ready, 5 updated",
            "*Revision*\n7 → 6"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void mainMessage(String name, RolloutEvent event, String title, String text, String detail)
      throws IOException {
    SlackMessage message = formatter.message(event);

    assertThat(message.text()).isEqualTo(text);
    assertThat(message.blocks().getFirst()).containsEntry("type", "header");
    assertThat(BlockKitJson.blocks(message))
        .contains("\"text\":\"" + title + "\"")
        .contains("*Namespace*\\n`shop-a`", "*ShopSet*\\neu-shops", "*Tier*\\nproduction")
        .contains(
            "`app`: `registry.example.com/shop/checkout:1.4.2` → `registry.example.com/shop/checkout:1.5.0`")
        .contains("`envoy`: `envoyproxy/envoy:v1.31.0` (unchanged)")
        .contains("shop-a/checkout#7 · started 2026-11-23 10:02:11 UTC");
    if (detail != null) {
      assertThat(BlockKitJson.blocks(message)).contains(json(detail));
    }
    if (!event.isFinal()) {
      assertThat(BlockKitJson.blocks(message)).doesNotContain("*Duration*");
    }
    assertThat(message.plain())
        .startsWith(title)
        .contains(
            "app: registry.example.com/shop/checkout:1.4.2 -> registry.example.com/shop/checkout:1.5.0");
    render(name, message);
  }

  static Stream<Arguments> replies() {
    return Stream.of(
        Arguments.of(
            "succeeded",
            succeeded(R),
            ":white_check_mark: Revision 7 rolled out in 2m 14s: 5/5 replicas available."),
        Arguments.of(
            "failed",
            failed(R),
            ":x: Revision 7 failed after 10m. The deployment reported ProgressDeadlineExceeded:"
                + " ReplicaSet \"checkout-7d9f\" has timed out progressing (3/5 replicas"
                + " available)."),
        Arguments.of(
            "rolled-back",
            rolledBack(R),
            ":leftwards_arrow_with_hook: Revision 7 was rolled back to revision 6 after 1m 3s."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void threadReply(String name, RolloutEvent event, String text) throws IOException {
    SlackMessage reply = formatter.threadReply(event);

    assertThat(reply.text()).isEqualTo(text);
    assertThat(reply.plain()).isEqualTo(text);
    render("reply-" + name, reply);
  }

  @Test
  void escapesSlackControlCharactersAndShowsMissingLabelsAsDash() {
    TreeMap<String, String> before = new TreeMap<>();
    TreeMap<String, String> after = new TreeMap<>();
    after.put("app", "img<1>&2");
    Rollout r = new Rollout("ns", "d<x>", null, null, 1, before, after, null, Rollouts.STARTED_AT);

    SlackMessage message = formatter.message(started(r));

    assertThat(BlockKitJson.blocks(message))
        .contains("`img&lt;1&gt;&amp;2`", "`app`: _none_ →", "*ShopSet*\\n–", "*Tier*\\n–")
        .contains("ns/d&lt;x&gt;#1");
    assertThat(message.text())
        .isEqualTo("d<x> in ns: revision 1 is rolling out, 5/5 ready, 0 updated");
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertThat(RolloutFormatter.human(Duration.ofMillis(400))).isEqualTo("0.4s");
    assertThat(RolloutFormatter.human(Duration.ofSeconds(12))).isEqualTo("12s");
    assertThat(RolloutFormatter.human(Duration.ofSeconds(187))).isEqualTo("3m 7s");
    assertThat(RolloutFormatter.human(Duration.ofMinutes(125))).isEqualTo("2h 5m");
    assertThat(RolloutFormatter.human(Duration.ofMinutes(10))).isEqualTo("10m");
  }

  private static String json(String mrkdwn) {
    return mrkdwn.replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Writes the payload where a person can read it or paste it into Block Kit Builder. */
  private static void render(String name, SlackMessage message) throws IOException {
    Path dir = Path.of("target", "slack-samples");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".json"), BlockKitJson.payload(message));
    Files.writeString(dir.resolve(name + ".txt"), message.plain() + "\n");
  }

  @Test
  void withSlackInteractivityASucceededRolloutOnATierOffersToPromoteThatTierOnward() {
    RolloutFormatter interactive = new RolloutFormatter(true);
    Rollout onTier = Rollouts.rollout("shop-a", "checkout", 3, null);
    assertThat(onTier.tier()).isNotNull();
    assertThat(BlockKitJson.blocks(interactive.message(Rollouts.succeeded(onTier))))
        .contains("\"action_id\":\"shopset_promote\"", "\"value\":\"" + onTier.tier() + "\"");
    assertThat(BlockKitJson.blocks(interactive.message(Rollouts.started(onTier))))
        .doesNotContain("shopset_promote");
    assertThat(BlockKitJson.blocks(formatter.message(Rollouts.succeeded(onTier))))
        .as("no buttons without interactivity")
        .doesNotContain("shopset_promote");
  }
}
